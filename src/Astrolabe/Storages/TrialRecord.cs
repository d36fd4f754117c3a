namespace Astrolabe;

/// <summary>The mutable form of a trial inside <see cref="InMemoryStorage"/>; callers hold the storage's lock.</summary>
internal sealed class TrialRecord(int studyId, long trialId, int number, int directionCount)
{
    private readonly Dictionary<string, double> internalParams = [];
    private readonly Dictionary<string, Distribution> distributions = [];
    private StepValues intermediate = StepValues.Empty;
    private readonly Dictionary<string, object?> userAttrs = [];
    private readonly Dictionary<string, object?> systemAttrs = [];
    private FrozenTrial? cached;

    public int StudyId { get; } = studyId;

    public long TrialId { get; } = trialId;

    public int Number { get; } = number;

    public int DirectionCount { get; } = directionCount;

    public TrialState State { get; private set; } = TrialState.Running;

    public double[]? Values { get; private set; }

    public DateTimeOffset? Start { get; private set; }

    public DateTimeOffset? Complete { get; private set; }

    public void Initialize(FrozenTrial? template)
    {
        var now = DateTimeOffset.UtcNow;
        if (template is null)
        {
            Start = now;
            return;
        }

        State = template.State;
        Values = template.Values?.ToArray();
        Start = template.State == TrialState.Waiting ? null : template.DatetimeStart ?? now;
        Complete = template.State.IsFinished() ? template.DatetimeComplete ?? now : null;
        foreach (var (name, value) in template.InternalParams)
        {
            internalParams[name] = value;
            distributions[name] = template.Distributions[name];
        }

        intermediate = StepValues.From(template.IntermediateValues);

        foreach (var (k, v) in template.UserAttrs)
        {
            userAttrs[k] = v;
        }

        foreach (var (k, v) in template.SystemAttrs)
        {
            systemAttrs[k] = v;
        }
    }

    public void SetParam(string name, double value, Distribution distribution)
    {
        StorageRules.EnsureUpdatable(TrialId, Number, State);
        if (!distribution.Contains(value))
        {
            throw new ArgumentException($"The value {value} of parameter '{name}' lies outside {distribution}.");
        }

        internalParams[name] = value;
        distributions[name] = distribution;
        cached = null;
    }

    public void SetIntermediate(long step, double value)
    {
        StorageRules.EnsureUpdatable(TrialId, Number, State);
        intermediate = intermediate.Set(step, value);

        // Only the intermediate values change, and they are shared with the snapshots, not copied.
        cached = cached is null ? null : cached with { IntermediateValues = intermediate };
    }

    public void SetAttr(string key, object? value, bool user)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        StorageRules.EnsureUpdatable(TrialId, Number, State);
        JsonValues.Validate(value);
        (user ? userAttrs : systemAttrs)[key] = value;
        cached = null;
    }

    public void Move(TrialState state, IReadOnlyList<double>? values)
    {
        var now = DateTimeOffset.UtcNow;
        if (State == TrialState.Waiting)
        {
            Start = now;
        }

        State = state;
        if (values is not null)
        {
            Values = [.. values];
        }

        if (state.IsFinished())
        {
            Complete = now;
        }

        // Only the head changes: the cached parameters, values and attributes stay valid.
        cached = cached is null ? null : cached with
        {
            State = State,
            Values = Values is null ? null : Array.AsReadOnly((double[])Values.Clone()),
            DatetimeStart = Start,
            DatetimeComplete = Complete,
        };
    }

    public FrozenTrial Snapshot() => cached ??= new FrozenTrial
    {
        Number = Number,
        TrialId = TrialId,
        State = State,
        Values = Values is null ? null : Array.AsReadOnly((double[])Values.Clone()),
        InternalParams = new Dictionary<string, double>(internalParams),
        Distributions = new Dictionary<string, Distribution>(distributions),
        IntermediateValues = intermediate,
        UserAttrs = new Dictionary<string, object?>(userAttrs),
        SystemAttrs = new Dictionary<string, object?>(systemAttrs),
        DatetimeStart = Start,
        DatetimeComplete = Complete,
    };
}
