namespace Astrolabe;

/// <summary>
/// The parameter values of a study's finished trials, kept per (parameter name, target distribution) as one
/// column indexed by <see cref="Observation.Ordinal"/> and filled once per trial: the estimators of every later
/// trial gather from arrays instead of looking each parameter up in each trial's dictionaries again. A finished
/// trial never changes, so a column entry never goes stale. NaN marks a trial without a usable value (the
/// parameter absent, another kind of distribution, or a number outside the target's range). At most
/// <see cref="MaxColumns"/> columns are kept: a space whose ranges change from trial to trial (each range its own
/// target) would otherwise keep one column per range; past the cap all are dropped and rebuilt on use.
/// </summary>
internal sealed class ParameterColumns
{
    /// <summary>The most columns kept at once.</summary>
    public const int MaxColumns = 128;

    private readonly List<Observation> finished = [];
    private readonly Dictionary<(string Name, Distribution Target), Filled> columns = [];

    /// <summary>The number of finished trials registered.</summary>
    public int Count => finished.Count;

    /// <summary>The number of columns kept now.</summary>
    public int ColumnCount => columns.Count;

    /// <summary>Registers a finished trial's observation; it must carry the next ordinal (<see cref="Count"/>).</summary>
    public void Add(Observation observation)
    {
        if (observation.Ordinal != finished.Count)
        {
            throw new InvalidOperationException($"Observation ordinal {observation.Ordinal} registered as number {finished.Count}.");
        }

        finished.Add(observation);
    }

    /// <summary>The column of <paramref name="name"/> for <paramref name="target"/>, brought up to date (index: ordinal).</summary>
    public double[] Column(string name, Distribution target)
    {
        if (!columns.TryGetValue((name, target), out var column))
        {
            if (columns.Count >= MaxColumns)
            {
                columns.Clear();
            }

            column = new Filled();
            columns[(name, target)] = column;
        }

        if (column.Count < finished.Count)
        {
            if (column.Values.Length < finished.Count)
            {
                Array.Resize(ref column.Values, Math.Max(finished.Count, 2 * column.Values.Length));
            }

            for (int i = column.Count; i < finished.Count; i++)
            {
                column.Values[i] = Read(finished[i].Trial, name, target);
            }

            column.Count = finished.Count;
        }

        return column.Values;
    }

    /// <summary>The internal value of a parameter that informs <paramref name="target"/>, or NaN.</summary>
    public static double Read(FrozenTrial trial, string name, Distribution target) =>
        trial.InternalParams.TryGetValue(name, out double v) && trial.Distributions.TryGetValue(name, out var stored) && Compatible(stored, target, v)
            ? v
            : double.NaN;

    // An observed value informs a distribution when it is the same categorical, or a number inside the range.
    private static bool Compatible(Distribution stored, Distribution target, double value) => target switch
    {
        CategoricalDistribution => stored.Equals(target),
        FloatDistribution f => stored is FloatDistribution && value >= f.Low && value <= f.High,
        IntDistribution i => stored is IntDistribution && value >= i.Low && value <= i.High,
        _ => false,
    };

    private sealed class Filled
    {
        public double[] Values = new double[64];

        public int Count;
    }
}
