namespace Astrolabe;

/// <summary>
/// The hyperparameters of the Matérn-5/2 kernel with automatic relevance determination: one inverse squared length
/// scale per dimension, the kernel scale (the prior variance of the function) and the observation noise variance.
/// </summary>
/// <param name="InverseSquaredLengthscales">Per dimension, 1/ℓ²; a dimension with a small value barely matters.</param>
/// <param name="Scale">The kernel's variance.</param>
/// <param name="NoiseVar">The noise variance added to the diagonal (at least <see cref="GaussianProcess.MinimumNoiseVar"/>).</param>
internal sealed record GpKernelParams(double[] InverseSquaredLengthscales, double Scale, double NoiseVar)
{
    /// <summary>The starting point of a fit without a previous one, as Optuna's: every 1/ℓ² = 1, scale 1, noise 0.01 (or the minimum).</summary>
    public static GpKernelParams Default(int dimensions, bool deterministic) =>
        new(Enumerable.Repeat(1.0, dimensions).ToArray(), 1, deterministic ? GaussianProcess.MinimumNoiseVar : 0.01);
}
