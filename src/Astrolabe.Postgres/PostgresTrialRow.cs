namespace Astrolabe;

/// <summary>The columns of one trial while <see cref="PostgresStorage"/> assembles its snapshot.</summary>
internal sealed class PostgresTrialRow
{
    public bool Found { get; set; }

    public int Number { get; set; }

    public TrialState State { get; set; }

    public double[]? Values { get; set; }

    public long? Start { get; set; }

    public long? Complete { get; set; }

    public Dictionary<string, double> Params { get; } = [];

    public Dictionary<string, Distribution> Distributions { get; } = [];

    public SortedDictionary<long, double> Intermediate { get; } = [];

    public Dictionary<string, object?> UserAttrs { get; } = [];

    public Dictionary<string, object?> SystemAttrs { get; } = [];

    public FrozenTrial ToFrozen(long id) => new()
    {
        TrialId = id,
        Number = Number,
        State = State,
        Values = Values,
        InternalParams = Params,
        Distributions = Distributions,
        IntermediateValues = Intermediate,
        UserAttrs = UserAttrs,
        SystemAttrs = SystemAttrs,
        DatetimeStart = Start is { } s ? DateTimeOffset.FromUnixTimeMilliseconds(s) : null,
        DatetimeComplete = Complete is { } c ? DateTimeOffset.FromUnixTimeMilliseconds(c) : null,
    };
}
