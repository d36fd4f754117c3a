namespace Astrolabe;

/// <summary>
/// The Complete trials of a single-objective study as the terminator's Gaussian processes see them: the trials' points
/// in the GP's coordinates over the intersection search space of the Complete trials (<see cref="GpSpace"/>; parameters
/// with a single value left out), and their values turned to be maximised, with ±∞ clipped to the extreme finite
/// values. Trials are in number order.
/// </summary>
internal sealed class GpObservations
{
    private GpObservations(GpSpace space, double[] points, double[] values)
    {
        Space = space;
        Points = points;
        Values = values;
    }

    /// <summary>The normalised search space.</summary>
    public GpSpace Space { get; }

    /// <summary>n × d, row-major.</summary>
    public double[] Points { get; }

    /// <summary>The values to be maximised, one per point.</summary>
    public double[] Values { get; }

    /// <summary>n.</summary>
    public int Count => Values.Length;

    /// <summary>d.</summary>
    public int Dimensions => Space.Dimensions;

    /// <summary>
    /// The observations of <paramref name="trials"/>' Complete ones. Throws <see cref="ArgumentException"/> naming
    /// <paramref name="evaluator"/> when a Complete trial has other than one value (a multi-objective study).
    /// </summary>
    public static GpObservations From(IReadOnlyList<FrozenTrial> trials, StudyDirection direction, string evaluator)
    {
        ArgumentNullException.ThrowIfNull(trials);
        var complete = trials.Where(t => t.State == TrialState.Complete).OrderBy(t => t.Number).ToList();
        foreach (var t in complete)
        {
            if (t.Values is not { Count: 1 })
            {
                throw new ArgumentException(
                    $"{evaluator} supports single-objective studies only; trial {t.Number} has {t.Values?.Count ?? 0} values.", nameof(trials));
            }
        }

        var intersection = new IntersectionSearchSpace();
        intersection.Update(complete);
        var space = new GpSpace(IntersectionSearchSpace.Sampleable(intersection.Space));
        var points = new double[complete.Count * space.Dimensions];
        for (int i = 0; i < complete.Count; i++)
        {
            space.Normalize(complete[i].InternalParams)!.CopyTo(points, i * space.Dimensions);
        }

        double sign = direction == StudyDirection.Maximize ? 1 : -1;
        var values = complete.Select(t => sign * t.Values![0]).ToArray();
        var finite = values.Where(double.IsFinite).DefaultIfEmpty(0).ToArray();
        double lo = finite.Min(), hi = finite.Max();
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = Math.Clamp(values[i], lo, hi);
        }

        return new GpObservations(space, points, values);
    }

    /// <summary>Row <paramref name="i"/> of <see cref="Points"/>.</summary>
    public ReadOnlySpan<double> Point(int i) => Points.AsSpan(i * Dimensions, Dimensions);

    /// <summary>The rows <paramref name="rows"/> of <see cref="Points"/>, row-major.</summary>
    public double[] PointsOf(IReadOnlyList<int> rows)
    {
        var result = new double[rows.Count * Dimensions];
        for (int r = 0; r < rows.Count; r++)
        {
            Point(rows[r]).CopyTo(result.AsSpan(r * Dimensions, Dimensions));
        }

        return result;
    }
}
