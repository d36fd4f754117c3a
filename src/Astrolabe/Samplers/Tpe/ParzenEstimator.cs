using System.Buffers;

namespace Astrolabe;

/// <summary>
/// A Parzen estimator over one or more parameters: a weighted mixture of kernels, one per observation plus
/// an optional prior, each the product of its per-parameter kernels (<see cref="ParzenDimension"/>).
/// Observation weights come from the weights function (older trials weigh less) unless given.
/// </summary>
internal sealed class ParzenEstimator
{
    private readonly ParzenDimension[] dimensions;
    private readonly double[] logWeights;
    private readonly double[] cumulativeWeights;

    /// <summary>Builds the estimator; <paramref name="observations"/> holds one column of internal values per distribution.</summary>
    public ParzenEstimator(IReadOnlyList<Distribution> space, double[][] observations, TpeSamplerOptions options, double[]? predeterminedWeights)
    {
        int n = observations.Length == 0 ? 0 : observations[0].Length;
        bool prior = options.ConsiderPrior || n == 0;
        double[] weights = ObservationWeights(n, options, predeterminedWeights, prior);
        Kernels = weights.Length;
        logWeights = new double[Kernels];
        cumulativeWeights = new double[Kernels];
        double sum = weights.Sum(), running = 0;
        for (int k = 0; k < Kernels; k++)
        {
            logWeights[k] = Math.Log(weights[k] / sum);
            running += weights[k] / sum;
            cumulativeWeights[k] = running;
        }

        bool adaptive = options.AdaptiveKernels;
        double? sigma0 = options.Multivariate && !adaptive ? 0.2 * Math.Pow(Math.Max(n, 1), -1.0 / (space.Count + 4)) : null;
        var settings = new ParzenSettings(
            options.ConsiderPrior, options.PriorWeight, options.ConsiderMagicClip, options.ConsiderEndpoints, sigma0,
            ClipExponent: adaptive ? 2 : 1, Normalised: adaptive);
        dimensions = new ParzenDimension[space.Count];
        for (int d = 0; d < space.Count; d++)
        {
            dimensions[d] = ParzenDimension.Create(space[d], observations[d], settings);
        }
    }

    /// <summary>The number of mixture components (observations, plus the prior when it is considered).</summary>
    public int Kernels { get; }

    /// <summary>Draws <paramref name="size"/> points; the result holds one column per dimension.</summary>
    public double[][] Sample(Random rng, int size)
    {
        var active = new int[size];
        for (int s = 0; s < size; s++)
        {
            int k = Array.BinarySearch(cumulativeWeights, rng.NextDouble());
            active[s] = Math.Min(k < 0 ? ~k : k, Kernels - 1);
        }

        var result = new double[dimensions.Length][];
        for (int d = 0; d < dimensions.Length; d++)
        {
            result[d] = new double[size];
            for (int s = 0; s < size; s++)
            {
                result[d][s] = dimensions[d].Sample(rng, active[s]);
            }
        }

        return result;
    }

    /// <summary>The log density of each point (columns per dimension, as <see cref="Sample"/> returns).</summary>
    public double[] LogPdf(double[][] samples)
    {
        int size = samples[0].Length;
        var baseRow = (double[])logWeights.Clone();
        foreach (var dimension in dimensions)
        {
            dimension.AddConstant(baseRow);
        }

        // One sample at a time through a row of all kernels (rented: at thousands of kernels it would be a large
        // object per call), so the row stays in cache while every dimension adds its term.
        var rented = ArrayPool<double>.Shared.Rent(Kernels);
        var row = rented.AsSpan(0, Kernels);
        var result = new double[size];
        for (int s = 0; s < size; s++)
        {
            baseRow.CopyTo(row);
            for (int d = 0; d < dimensions.Length; d++)
            {
                dimensions[d].AddLogPdf(samples[d].AsSpan(s, 1), row, Kernels);
            }

            result[s] = KernelMath.LogSumExp(row);
        }

        ArrayPool<double>.Shared.Return(rented);
        return result;
    }

    private static double[] ObservationWeights(int n, TpeSamplerOptions options, double[]? predetermined, bool prior)
    {
        double[] w;
        if (predetermined is not null)
        {
            w = predetermined;
        }
        else
        {
            w = options.Weights(n);
            if (w.Length < n || w.Take(n).Any(x => !double.IsFinite(x) || x < 0) || (n > 0 && w.Take(n).Sum() <= 0))
            {
                throw new InvalidOperationException(
                    $"The weights function must return at least {n} finite, non-negative values that are not all zero; it returned [{string.Join(", ", w)}].");
            }
        }

        var result = new double[prior ? n + 1 : n];
        Array.Copy(w, result, n);
        if (prior)
        {
            result[n] = options.PriorWeight;
        }

        return result;
    }
}
