namespace Astrolabe.Optim;

/// <summary>
/// Attaches a penalty to an optimizer (<c>Optimizers.Sgd(ps).WithPenalty(Penalties.L1(1e-4))</c>), the one way to
/// regularize with a penalty, and reads the penalties' value for reporting the objective.
/// </summary>
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

    /// <summary>
    /// <c>P(w)</c> at the current parameter values, summed over the penalties in the optimizer's transformations
    /// (attached or inside its chains), for adding to a reported loss; 0 without any.
    /// </summary>
    /// <param name="optimizer">The optimizer.</param>
    /// <returns>The total penalty.</returns>
    public static double PenaltyValue(this Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        double sum = 0;
        foreach (var t in optimizer.Transformations.SelectMany(Flatten))
        {
            if (t is AddPenaltyGradient add)
            {
                sum += add.Penalty.Value(optimizer.Parameters);
            }
        }

        return sum;

        static IEnumerable<IGradientTransformation> Flatten(IGradientTransformation t) =>
            t is Chain c ? c.Transformations.SelectMany(Flatten) : [t];
    }
}
