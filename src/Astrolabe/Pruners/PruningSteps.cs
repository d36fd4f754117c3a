namespace Astrolabe;

/// <summary>
/// Helpers the step-based pruners share: the warm-up and interval schedule, the best value a trial has
/// reported, and numeric attribute values read back from a storage.
/// </summary>
internal static class PruningSteps
{
    /// <summary>
    /// True when <paramref name="step"/> is the first reported step at or after the latest pruning check
    /// point (warm-up + k · interval). A check that found no report is postponed to the next report.
    /// Requires <paramref name="step"/> ≥ <paramref name="warmupSteps"/>.
    /// </summary>
    public static bool IsFirstInInterval(long step, IEnumerable<long> reportedSteps, long warmupSteps, long intervalSteps)
    {
        long nearestCheckPoint = ((step - warmupSteps) / intervalSteps * intervalSteps) + warmupSteps;
        long previous = -1;
        foreach (long s in reportedSteps)
        {
            if (s != step && s > previous)
            {
                previous = s;
            }
        }

        return previous < nearestCheckPoint;
    }

    /// <summary>The best reported value (NaN ignored; NaN when every value is NaN).</summary>
    public static double BestIntermediate(FrozenTrial trial, StudyDirection direction) => Best(trial.IntermediateValues.Values, direction);

    /// <summary>The best of the values for a direction, NaN ignored; NaN when no value is left.</summary>
    public static double Best(IEnumerable<double> values, StudyDirection direction)
    {
        double best = double.NaN;
        foreach (double v in values)
        {
            if (!double.IsNaN(v) && (double.IsNaN(best) || (direction == StudyDirection.Maximize ? v > best : v < best)))
            {
                best = v;
            }
        }

        return best;
    }

    /// <summary>
    /// The <paramref name="percentile"/>-th percentile (0–100) of the non-NaN values with linear
    /// interpolation between order statistics, as numpy's <c>nanpercentile</c>; NaN when no value is left.
    /// </summary>
    public static double Percentile(IEnumerable<double> values, double percentile)
    {
        double[] sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        double position = percentile / 100.0 * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        double t = position - below;
        double a = sorted[below];
        double b = sorted[above];
        double diff = b - a;
        return t >= 0.5 ? b - (diff * (1 - t)) : a + (diff * t);
    }

    /// <summary>A number stored as an attribute: doubles and integers as they are, non-finite doubles from their JSON strings.</summary>
    public static double AttrToDouble(object? value) => value switch
    {
        double d => d,
        long l => l,
        int i => i,
        float f => f,
        string s when double.TryParse(s, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double d) => d,
        _ => throw new InvalidOperationException($"The stored pruning value '{value}' is not a number."),
    };
}
