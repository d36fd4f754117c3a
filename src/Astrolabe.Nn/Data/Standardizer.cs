namespace Astrolabe.Nn.Data;

/// <summary>
/// Per-feature standardisation <c>(x − mean) / std</c> with statistics fitted on one dataset (the training part)
/// and applied to others. Constant features (std 0) are only centred.
/// </summary>
public sealed class Standardizer
{
    private Standardizer(float[] mean, float[] std)
    {
        Mean = mean;
        Std = std;
    }

    /// <summary>The fitted means, one per feature.</summary>
    public IReadOnlyList<float> Mean { get; }

    /// <summary>The fitted standard deviations (population), one per feature.</summary>
    public IReadOnlyList<float> Std { get; }

    /// <summary>Fits means and standard deviations on <paramref name="data"/>.</summary>
    /// <param name="data">The (training) dataset.</param>
    /// <returns>The fitted standardiser.</returns>
    public static Standardizer Fit(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        int d = data.SampleSize;
        var sum = new double[d];
        var sq = new double[d];
        for (int s = 0; s < data.Count; s++)
        {
            for (int j = 0; j < d; j++)
            {
                double v = data.Features[(s * d) + j];
                sum[j] += v;
                sq[j] += v * v;
            }
        }

        var mean = new float[d];
        var std = new float[d];
        for (int j = 0; j < d; j++)
        {
            double m = sum[j] / Math.Max(1, data.Count);
            mean[j] = (float)m;
            double v = Math.Max(0, (sq[j] / Math.Max(1, data.Count)) - (m * m));
            std[j] = v > 1e-12 ? (float)Math.Sqrt(v) : 1f;
        }

        return new Standardizer(mean, std);
    }

    /// <summary>Applies the fitted transformation.</summary>
    /// <param name="data">A dataset with the same sample size.</param>
    /// <returns>The standardised copy.</returns>
    public Dataset Transform(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        int d = Mean.Count;
        if (data.SampleSize != d)
        {
            throw new ArgumentException($"Standardizer was fitted on {d} features, the dataset has {data.SampleSize}.");
        }

        var f = new float[data.Features.Length];
        for (int i = 0; i < f.Length; i++)
        {
            int j = i % d;
            f[i] = (data.Features[i] - Mean[j]) / Std[j];
        }

        return new Dataset(f, data.SampleShape, data.Labels, data.Targets, data.TargetWidth);
    }
}
