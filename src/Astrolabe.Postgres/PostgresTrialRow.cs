namespace Astrolabe;

/// <summary>The columns of one trial while <see cref="PostgresStorage"/> assembles its snapshot.</summary>
internal sealed class PostgresTrialRow
{
    private readonly List<(long Seq, string Name, double Value, Distribution Distribution)> parameters = [];

    public bool Found { get; set; }

    public int Number { get; set; }

    public TrialState State { get; set; }

    public double[]? Values { get; set; }

    public long? Start { get; set; }

    public long? Complete { get; set; }

    public SortedDictionary<long, double> Intermediate { get; } = [];

    public Dictionary<string, object?> UserAttrs { get; } = [];

    public Dictionary<string, object?> SystemAttrs { get; } = [];

    /// <summary>Adds a parameter; parameters may come in any order and are put in recording order (<paramref name="seq"/>).</summary>
    public void AddParam(long seq, string name, double value, Distribution distribution) => parameters.Add((seq, name, value, distribution));

    public FrozenTrial ToFrozen(long id)
    {
        parameters.Sort(static (a, b) => a.Seq.CompareTo(b.Seq));
        return new()
        {
            TrialId = id,
            Number = Number,
            State = State,
            Values = Values,
            InternalParams = parameters.ToDictionary(p => p.Name, p => p.Value),
            Distributions = parameters.ToDictionary(p => p.Name, p => p.Distribution),
            IntermediateValues = Intermediate,
            UserAttrs = UserAttrs,
            SystemAttrs = SystemAttrs,
            DatetimeStart = Start is { } s ? DateTimeOffset.FromUnixTimeMilliseconds(s) : null,
            DatetimeComplete = Complete is { } c ? DateTimeOffset.FromUnixTimeMilliseconds(c) : null,
        };
    }
}
