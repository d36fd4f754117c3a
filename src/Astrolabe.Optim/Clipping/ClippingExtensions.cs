namespace Astrolabe.Optim;

/// <summary>Attaches this folder's transformations to an optimizer: <c>Optimizers.Adam(ps).WithGradientClipping(1.0)</c>.</summary>
public static class ClippingExtensions
{
    /// <summary>Clips the global norm of all gradients to <paramref name="maxNorm"/>, like <c>torch.nn.utils.clip_grad_norm_</c>; the norm is reported in <see cref="Optimizer.LastGradNorm"/>.</summary>
    /// <param name="optimizer">The optimizer, not started yet.</param>
    /// <param name="maxNorm">The largest norm allowed, &gt; 0.</param>
    /// <param name="normType">The p of the p-norm, ≥ 1 or <see cref="double.PositiveInfinity"/>.</param>
    /// <returns>The optimizer.</returns>
    public static Optimizer WithGradientClipping(this Optimizer optimizer, double maxNorm, double normType = 2.0) =>
        Attach(optimizer).With(new ClipByGlobalNorm(maxNorm, normType));

    /// <summary>Clips every gradient element to [−<paramref name="clipValue"/>, <paramref name="clipValue"/>], like <c>clip_grad_value_</c>.</summary>
    /// <param name="optimizer">The optimizer, not started yet.</param>
    /// <param name="clipValue">The largest magnitude allowed, &gt; 0.</param>
    /// <returns>The optimizer.</returns>
    public static Optimizer WithValueClipping(this Optimizer optimizer, double clipValue) =>
        Attach(optimizer).With(new ClipByValue(clipValue));

    /// <summary>Adaptive gradient clipping (Brock et al., 2021): unit-wise, relative to the parameter norm.</summary>
    /// <param name="optimizer">The optimizer, not started yet.</param>
    /// <param name="clipping">λ &gt; 0, the largest allowed ratio of gradient norm to parameter norm.</param>
    /// <param name="eps">ε ≥ 0, the smallest parameter norm used.</param>
    /// <returns>The optimizer.</returns>
    public static Optimizer WithAdaptiveGradientClipping(this Optimizer optimizer, double clipping = 0.01, double eps = 1e-3) =>
        Attach(optimizer).With(new AdaptiveGradientClipping(clipping, eps));

    /// <summary>Checks the gradients for NaN or infinity before anything else runs, and skips the step or throws.</summary>
    /// <param name="optimizer">The optimizer, not started yet.</param>
    /// <param name="policy">What a non-finite gradient does.</param>
    /// <returns>The optimizer.</returns>
    public static Optimizer WithNonFiniteGradients(this Optimizer optimizer, NonFiniteGradientPolicy policy) =>
        Attach(optimizer).WithFirst(new GuardNonFinite(policy));

    private static Optimizer Attach(Optimizer optimizer) => optimizer ?? throw new ArgumentNullException(nameof(optimizer));
}
