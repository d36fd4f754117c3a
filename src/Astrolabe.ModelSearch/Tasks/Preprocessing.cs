using System.Text.Json.Serialization;
using Astrolabe.Nn.Data;

namespace Astrolabe.ModelSearch;

/// <summary>
/// The input (and, for regression, target) scaling a model was trained with: <c>x' = (x − offset) / scale</c> per
/// feature, and <c>y' = (y − targetOffset) / targetScale</c>. A one-element <see cref="Offset"/> or <see cref="Scale"/>
/// applies to every feature (images). Saved with a model so that predictions take raw inputs.
/// </summary>
/// <param name="Offset">Per-feature offsets (or one for all).</param>
/// <param name="Scale">Per-feature scales (or one for all), all positive.</param>
/// <param name="TargetOffset">The regression target's offset (0 for classification).</param>
/// <param name="TargetScale">The regression target's scale (1 for classification).</param>
public sealed record Preprocessing(float[] Offset, float[] Scale, float TargetOffset = 0, float TargetScale = 1)
{
    /// <summary>
    /// Standardises every feature with one mean and one standard deviation over all features of
    /// <paramref name="train"/> (images: like <c>Normalize((0.1307,), (0.3081,))</c> for MNIST).
    /// </summary>
    /// <param name="train">The training part.</param>
    /// <returns>The preprocessing.</returns>
    public static Preprocessing Global(Dataset train)
    {
        ArgumentNullException.ThrowIfNull(train);
        double mean = train.Features.Average(v => (double)v);
        double std = Math.Sqrt(train.Features.Average(v => (v - mean) * (v - mean)));
        return new Preprocessing([(float)mean], [std > 1e-12 ? (float)std : 1f]);
    }

    /// <summary>Standardises features (and regression targets) with statistics of <paramref name="train"/> only.</summary>
    /// <param name="train">The training part.</param>
    /// <returns>The preprocessing.</returns>
    public static Preprocessing Standardize(Dataset train)
    {
        ArgumentNullException.ThrowIfNull(train);
        var s = Standardizer.Fit(train);
        if (train.Targets is not { Length: > 0 } t)
        {
            return new Preprocessing([.. s.Mean], [.. s.Std]);
        }

        double mean = t.Average(v => (double)v);
        double std = Math.Sqrt(t.Average(v => (v - mean) * (v - mean)));
        return new Preprocessing([.. s.Mean], [.. s.Std], (float)mean, std > 1e-12 ? (float)std : 1f);
    }

    /// <summary>Whether targets are rescaled (regression).</summary>
    [JsonIgnore]
    public bool ScalesTargets => TargetOffset != 0 || TargetScale != 1;

    /// <summary>Applies the scaling to a dataset's features (and targets).</summary>
    /// <param name="data">Raw data.</param>
    /// <returns>The scaled copy.</returns>
    public Dataset Apply(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var f = new float[data.Features.Length];
        ApplyFeatures(data.Features, f, data.SampleSize);
        float[]? targets = data.Targets is null ? null : Array.ConvertAll(data.Targets, y => (y - TargetOffset) / TargetScale);
        return new Dataset(f, data.SampleShape, data.Labels, targets, data.TargetWidth);
    }

    /// <summary>Scales raw feature rows of <paramref name="sampleSize"/> values into <paramref name="destination"/>.</summary>
    /// <param name="source">Raw features, row-major.</param>
    /// <param name="destination">The scaled features (same length).</param>
    /// <param name="sampleSize">Values per sample.</param>
    /// <exception cref="ArgumentException">The per-feature statistics do not match the sample size.</exception>
    public void ApplyFeatures(ReadOnlySpan<float> source, Span<float> destination, int sampleSize)
    {
        if ((Offset.Length != 1 && Offset.Length != sampleSize) || (Scale.Length != 1 && Scale.Length != sampleSize))
        {
            throw new ArgumentException($"The preprocessing has {Offset.Length} offsets and {Scale.Length} scales; samples have {sampleSize} values.");
        }

        for (int i = 0; i < source.Length; i++)
        {
            int j = i % sampleSize;
            destination[i] = (source[i] - Offset[Offset.Length == 1 ? 0 : j]) / Scale[Scale.Length == 1 ? 0 : j];
        }
    }

    /// <summary>Maps a scaled model output back to the target's units.</summary>
    /// <param name="value">A prediction in scaled units.</param>
    /// <returns>The prediction in the target's units.</returns>
    public double UnscaleTarget(double value) => (value * TargetScale) + TargetOffset;
}
