namespace Astrolabe;

/// <summary>
/// One parameter of a Parzen estimator: the per-kernel distribution of that parameter. Kernel k of the
/// estimator is the product over dimensions of their kernel k.
/// </summary>
internal abstract class ParzenDimension
{
    /// <summary>Draws the value of kernel <paramref name="kernel"/> (an internal value of the distribution).</summary>
    public abstract double Sample(Random rng, int kernel);

    /// <summary>Adds the part of log p_k(x) that does not depend on x (the same for every sample).</summary>
    public virtual void AddConstant(Span<double> row)
    {
    }

    /// <summary>
    /// Adds the rest of log p_k(sample) of every kernel k to <paramref name="logPdf"/>, laid out sample-major
    /// (row s holds the kernels of sample s).
    /// </summary>
    public abstract void AddLogPdf(ReadOnlySpan<double> samples, Span<double> logPdf, int kernels);

    /// <summary>Builds the dimension of a distribution from its observations (internal values).</summary>
    public static ParzenDimension Create(Distribution distribution, ReadOnlySpan<double> observations, in ParzenSettings settings) => distribution switch
    {
        CategoricalDistribution c => new CategoricalDimension(c.Choices.Count, observations, settings),
        FloatDistribution or IntDistribution => new NumericalDimension(distribution, observations, settings),
        _ => throw new ArgumentException($"TPE cannot sample {distribution}."),
    };
}

/// <summary>What the kernels of every dimension of one estimator share.</summary>
/// <param name="ConsiderPrior">Whether a prior kernel is appended (always when there are no observations).</param>
/// <param name="PriorWeight">The prior's weight (categorical smoothing too).</param>
/// <param name="ConsiderMagicClip">Whether bandwidths are floored at range / min(100, (kernels + 1)^<paramref name="ClipExponent"/>).</param>
/// <param name="ConsiderEndpoints">Whether the outermost kernels see the range ends as neighbours.</param>
/// <param name="Sigma0">
/// For Optuna 3.1's multivariate estimators the common relative bandwidth; null where every kernel takes the gap to
/// its neighbours (univariate and adaptive multivariate estimators).
/// </param>
/// <param name="ClipExponent">The exponent of the bandwidth floor: 1 as in Optuna, 2 for the adaptive estimators.</param>
/// <param name="Normalised">Whether continuous kernels include their 1/σ (adaptive estimators; Optuna 3.1 omits it).</param>
internal readonly record struct ParzenSettings(
    bool ConsiderPrior, double PriorWeight, bool ConsiderMagicClip, bool ConsiderEndpoints, double? Sigma0, double ClipExponent, bool Normalised);
