namespace Astrolabe.Optim;

/// <summary>Attaching clipping, penalties, a non-finite guard and gradient accumulation (before the first step).</summary>
public sealed partial class Optimizer
{
    /// <summary>
    /// Attaches a transformation that runs before the optimizer's own chain, after those attached earlier. Returns
    /// this optimizer, so calls chain: <c>Optimizers.Adam(ps).WithGradientClipping(1.0).WithPenalty(Penalties.L1(1e-4))</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The optimizer has already stepped or loaded state.</exception>
    public Optimizer With(IGradientTransformation transformation)
    {
        ArgumentNullException.ThrowIfNull(transformation);
        ThrowIfStarted();
        attached.Add(transformation);
        return this;
    }

    /// <summary>Clips the global norm of all gradients to <paramref name="maxNorm"/>, like <c>torch.nn.utils.clip_grad_norm_</c>; the norm is reported in <see cref="LastGradNorm"/>.</summary>
    /// <param name="maxNorm">The largest norm allowed, &gt; 0.</param>
    /// <param name="normType">The p of the p-norm, ≥ 1 or <see cref="double.PositiveInfinity"/>.</param>
    public Optimizer WithGradientClipping(double maxNorm, double normType = 2.0) => With(new ClipByGlobalNorm(maxNorm, normType));

    /// <summary>Clips every gradient element to [−<paramref name="clipValue"/>, <paramref name="clipValue"/>], like <c>clip_grad_value_</c>.</summary>
    public Optimizer WithValueClipping(double clipValue) => With(new ClipByValue(clipValue));

    /// <summary>Adaptive gradient clipping (Brock et al., 2021): unit-wise, relative to the parameter norm.</summary>
    public Optimizer WithAdaptiveGradientClipping(double clipping = 0.01, double eps = 1e-3) => With(new AdaptiveGradientClipping(clipping, eps));

    /// <summary>Adds the gradient of a penalty <c>P(w)</c> to the gradients (as if it were part of the loss).</summary>
    public Optimizer WithPenalty(IPenalty penalty) => With(new AddPenaltyGradient(penalty));

    /// <summary>Checks the gradients for NaN or infinity before anything else runs, and skips the step or throws.</summary>
    public Optimizer WithNonFiniteGradients(NonFiniteGradientPolicy policy)
    {
        ThrowIfStarted();
        attached.Insert(0, new GuardNonFinite(policy));
        return this;
    }

    /// <summary>
    /// Accumulates <paramref name="microBatches"/> calls of <see cref="Step"/> (call <see cref="ZeroGrad"/> between
    /// micro-batches as usual) and steps on the mean of their gradients at the last one.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="microBatches"/> is below 1.</exception>
    public Optimizer WithGradientAccumulation(int microBatches)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(microBatches, 1);
        ThrowIfStarted();
        accumulator = microBatches == 1 ? null : new GradientAccumulator(parameters, microBatches);
        return this;
    }

    private void ThrowIfStarted()
    {
        if (state is not null)
        {
            throw new InvalidOperationException("Transformations must be attached before the optimizer's first step or LoadState.");
        }
    }
}
