using Astrolabe.Nn;
using Astrolabe.Nn.Data;

namespace Astrolabe.ModelSearch;

/// <summary>
/// Permutation feature importance (Breiman 2001; scikit-learn's <c>permutation_importance</c>): on held-out rows,
/// the score drop when one feature group's values are shuffled across the rows, which breaks the group's relation to
/// the label while keeping its distribution; repeated <see cref="Repeats"/> times with fresh shuffles. The score is
/// the model's metric on raw rows (accuracy, or RMSE in the target's units). Seeded: group <c>g</c> draws its
/// shuffles from its own stream of <see cref="Seed"/>, so its result does not depend on the other groups.
/// </summary>
public sealed class PermutationImportance
{
    private const int BatchRows = 256;

    /// <summary>Shuffles per group (default 5, scikit-learn's).</summary>
    public int Repeats { get; init; } = 5;

    /// <summary>The seed of the shuffles.</summary>
    public long Seed { get; init; }

    /// <summary>The groups permuted together; null means each input value alone (<see cref="FeatureGroup.Each"/>).</summary>
    public IReadOnlyList<FeatureGroup>? Groups { get; init; }

    /// <summary>Computes the importances.</summary>
    /// <param name="model">The model.</param>
    /// <param name="raw">Held-out raw (unscaled) rows with labels (classification) or targets (regression).</param>
    /// <returns>The importances, one per group.</returns>
    /// <exception cref="ArgumentException">The rows do not fit the model (size, kind), are fewer than two, or a group names a feature out of range.</exception>
    public PermutationImportanceResult Compute(TrainedModel model, Dataset raw)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Repeats);
        int size = model.SampleSize, n = raw.Count;
        if (raw.SampleSize != size)
        {
            throw new ArgumentException($"The model takes samples of {size} values; the rows have {raw.SampleSize}.", nameof(raw));
        }

        if (model.IsClassification ? raw.Labels is null : raw.Targets is null)
        {
            throw new ArgumentException($"The model is a {(model.IsClassification ? "classifier" : "regression model")}; the rows need {(model.IsClassification ? "labels" : "targets")}.", nameof(raw));
        }

        if (n < 2)
        {
            throw new ArgumentException($"Permuting needs at least two rows; got {n}.", nameof(raw));
        }

        var groups = Groups ?? FeatureGroup.Each(model.InputShape);
        if (groups.SelectMany(g => g.Features).Any(f => f < 0 || f >= size))
        {
            throw new ArgumentException($"A feature group names a feature outside 0–{size - 1}.", nameof(raw));
        }

        var original = raw.Features;
        var work = (float[])original.Clone();
        double baseline = Score(model, raw, work);
        double sign = model.IsClassification ? 1 : -1;
        var result = new FeatureImportance[groups.Count];
        var order = new int[n];
        for (int g = 0; g < groups.Count; g++)
        {
            var rng = new Rng(unchecked((Seed * 1_000_003) + g));
            var drops = new double[Repeats];
            var features = groups[g].Features;
            for (int r = 0; r < Repeats; r++)
            {
                for (int i = 0; i < n; i++)
                {
                    order[i] = i;
                }

                rng.Shuffle<int>(order);
                foreach (int f in features)
                {
                    for (int i = 0; i < n; i++)
                    {
                        work[(i * size) + f] = original[(order[i] * size) + f];
                    }
                }

                drops[r] = sign * (baseline - Score(model, raw, work));
            }

            foreach (int f in features)
            {
                for (int i = 0; i < n; i++)
                {
                    work[(i * size) + f] = original[(i * size) + f];
                }
            }

            double mean = drops.Average();
            result[g] = new FeatureImportance(groups[g], mean, Math.Sqrt(drops.Average(d => (d - mean) * (d - mean))), drops);
        }

        return new PermutationImportanceResult(model.IsClassification ? "accuracy" : "rmse", baseline, n, result);
    }

    /// <summary>The model's metric on <paramref name="features"/> with <paramref name="raw"/>'s labels or targets.</summary>
    internal static double Score(TrainedModel model, Dataset raw, float[] features)
    {
        int size = model.SampleSize, n = raw.Count;
        double sum = 0;
        for (int start = 0; start < n; start += BatchRows)
        {
            int rows = Math.Min(BatchRows, n - start);
            var p = model.Predict(features.AsSpan(start * size, rows * size));
            for (int i = 0; i < rows; i++)
            {
                if (model.IsClassification)
                {
                    sum += (int)p[i] == raw.Labels![start + i] ? 1 : 0;
                }
                else
                {
                    double e = p[i] - raw.Targets![(start + i) * raw.TargetWidth];
                    sum += e * e;
                }
            }
        }

        return model.IsClassification ? sum / n : Math.Sqrt(sum / n);
    }
}
