namespace Astrolabe.Optim;

/// <summary>Attaches a penalty to an optimizer: <c>Optimizers.Sgd(ps).WithPenalty(Penalties.L1(1e-4))</c>.</summary>
public static class PenaltyExtensions
{
    /// <summary>Adds the gradient of a penalty <c>P(w)</c> to the gradients (as if it were part of the loss).</summary>
    /// <param name="optimizer">The optimizer, not started yet.</param>
    /// <param name="penalty">The penalty.</param>
    /// <returns>The optimizer.</returns>
    public static Optimizer WithPenalty(this Optimizer optimizer, IPenalty penalty)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        return optimizer.With(new AddPenaltyGradient(penalty));
    }
}
