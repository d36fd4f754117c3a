namespace Astrolabe;

/// <summary>
/// Full snapshots of many trials, assembled from one query per trial table: first the trials' own rows
/// (<see cref="AddTrial"/>), then the rows of their parameters, intermediate values and attributes in any
/// order, each handed to its trial by id (rows of other trials are skipped). Texts that repeat from trial to
/// trial (parameter names, attribute keys, scalar attribute values) become one shared object each; maps are
/// <see cref="ArrayMap{TKey, TValue}"/>s whose keys are shared while they stay the same from one trial to
/// the next, and consecutive trials with the same distributions share one distribution map.
/// </summary>
internal sealed class SqliteTrialLoad(TextCache<Distribution> distributions, int expectedTrials)
{
    /// <summary>The columns of the trials table that <see cref="AddTrial"/> reads, in its order.</summary>
    public const string TrialColumns = "trial_id, number, state, vals, datetime_start, datetime_complete";

    /// <summary>The columns of trial_params that <see cref="AddParam"/> reads.</summary>
    public const string ParamColumns = "trial_id, seq, name, value, distribution";

    /// <summary>The columns of trial_intermediate that <see cref="AddStep"/> reads.</summary>
    public const string StepColumns = "trial_id, step, value";

    /// <summary>The columns of trial_attrs that <see cref="AddAttr"/> reads.</summary>
    public const string AttrColumns = "trial_id, kind, key, value";

    // One empty map of each kind for all trials that have nothing of that kind; snapshots are read-only.
    private static readonly Dictionary<string, double> NoParams = [];
    private static readonly Dictionary<string, Distribution> NoDistributions = [];
    private static readonly SortedDictionary<long, double> NoSteps = [];
    private static readonly Dictionary<string, object?> NoAttrs = [];

    // Keys shared from one trial to the next while they stay the same, and buffers reused while building.
    private MapKeys<string>? paramKeys;
    private MapKeys<long>? stepKeys;
    private MapKeys<string>? userKeys;
    private MapKeys<string>? systemKeys;
    private ArrayMap<string, Distribution>? lastDistributions;
    private string[] nameScratch = [];
    private Distribution[] distributionScratch = [];
    private long[] stepScratch = [];

    private readonly Dictionary<long, int> positions = new(expectedTrials);
    private readonly List<Head> heads = new(expectedTrials);
    private readonly RowsByTrial<Param> parameters = new();
    private readonly RowsByTrial<KeyValuePair<long, double>> steps = new();
    private readonly RowsByTrial<Attr> attrs = new();
    private readonly TextCache<string> names = new(text => text);
    private readonly TextCache<object?> attrValues = new(JsonValues.Deserialize, value => value is not System.Collections.IEnumerable || value is string);

    /// <summary>How many trials were added.</summary>
    public int Count => heads.Count;

    /// <summary>The ids of the trials added, in the order they were added.</summary>
    public IEnumerable<long> TrialIds => heads.Select(h => h.Id);

    /// <summary>The smallest trial id added (<see cref="long.MaxValue"/> while none is).</summary>
    public long MinTrialId { get; private set; } = long.MaxValue;

    /// <summary>The largest trial id added (<see cref="long.MinValue"/> while none is).</summary>
    public long MaxTrialId { get; private set; } = long.MinValue;

    /// <summary>Adds a trial from the current row of a query of <see cref="TrialColumns"/>; a trial already added is ignored.</summary>
    public void AddTrial(SqliteRows r)
    {
        long id = r.Int64(0);
        if (positions.TryAdd(id, heads.Count))
        {
            MinTrialId = Math.Min(MinTrialId, id);
            MaxTrialId = Math.Max(MaxTrialId, id);
            heads.Add(new Head(
                id,
                (int)r.Int64(1),
                (TrialState)r.Int64(2),
                r.IsNull(3) ? null : ObjectiveValues.Parse(r.Utf8(3)),
                r.IsNull(4) ? null : r.Int64(4),
                r.IsNull(5) ? null : r.Int64(5)));
        }
    }

    /// <summary>Adds a parameter from the current row of a query of <see cref="ParamColumns"/>.</summary>
    public void AddParam(SqliteRows r)
    {
        if (positions.TryGetValue(r.Int64(0), out int trial))
        {
            parameters.Add(trial, new Param(r.Int64(1), names.Get(r.Utf8(2)), r.Double(3), distributions.Get(r.Utf8(4))));
        }
    }

    /// <summary>Adds an intermediate value from the current row of a query of <see cref="StepColumns"/> (NULL is NaN).</summary>
    public void AddStep(SqliteRows r)
    {
        if (positions.TryGetValue(r.Int64(0), out int trial))
        {
            steps.Add(trial, new(r.Int64(1), r.IsNull(2) ? double.NaN : r.Double(2)));
        }
    }

    /// <summary>Adds an attribute from the current row of a query of <see cref="AttrColumns"/> (kind 0: user, 1: system).</summary>
    public void AddAttr(SqliteRows r)
    {
        if (positions.TryGetValue(r.Int64(0), out int trial))
        {
            attrs.Add(trial, new Attr(r.Int64(1) == StoredAttrs.User, names.Get(r.Utf8(2)), attrValues.Get(r.Utf8(3))));
        }
    }

    /// <summary>The snapshots, in the order the trials were added; call once, after the last row.</summary>
    public FrozenTrial[] Build()
    {
        parameters.Group(heads.Count);
        steps.Group(heads.Count);
        attrs.Group(heads.Count);
        var result = new FrozenTrial[heads.Count];
        for (int i = 0; i < result.Length; i++)
        {
            var h = heads[i];
            var (internalParams, distributions) = Params(parameters.Of(i));
            var trialAttrs = attrs.Of(i);
            trialAttrs.Sort(static (a, b) => a.User != b.User ? b.User.CompareTo(a.User) : string.CompareOrdinal(a.Key, b.Key));
            int userCount = 0;
            while (userCount < trialAttrs.Length && trialAttrs[userCount].User)
            {
                userCount++;
            }

            result[i] = new FrozenTrial
            {
                TrialId = h.Id,
                Number = h.Number,
                State = h.State,
                Values = h.Values,
                InternalParams = internalParams,
                Distributions = distributions,
                IntermediateValues = Steps(steps.Of(i)),
                UserAttrs = Attrs(trialAttrs[..userCount], ref userKeys),
                SystemAttrs = Attrs(trialAttrs[userCount..], ref systemKeys),
                DatetimeStart = h.Start is { } s ? DateTimeOffset.FromUnixTimeMilliseconds(s) : null,
                DatetimeComplete = h.Complete is { } c ? DateTimeOffset.FromUnixTimeMilliseconds(c) : null,
            };
        }

        return result;
    }

    /// <summary>
    /// A trial's parameters in recording order, and their distributions: the same map as the trial before when
    /// they are the same objects (the distribution cache hands out one object per distinct JSON text).
    /// </summary>
    private (IReadOnlyDictionary<string, double>, IReadOnlyDictionary<string, Distribution>) Params(Span<Param> ps)
    {
        if (ps.IsEmpty)
        {
            return (NoParams, NoDistributions);
        }

        if (!InRecordingOrder(ps))
        {
            ps.Sort(static (a, b) => a.Seq.CompareTo(b.Seq));
        }

        var names = Scratch(ref nameScratch, ps.Length);
        var kinds = Scratch(ref distributionScratch, ps.Length);
        var values = new double[ps.Length];
        for (int k = 0; k < ps.Length; k++)
        {
            (names[k], values[k], kinds[k]) = (ps[k].Name, ps[k].Value, ps[k].Distribution);
        }

        var keys = MapKeys<string>.Reuse(ref paramKeys, names);
        if (lastDistributions is null || lastDistributions.KeySet != keys || !lastDistributions.HasValues(kinds, ReferenceEqualityComparer.Instance))
        {
            lastDistributions = new ArrayMap<string, Distribution>(keys, kinds.ToArray());
        }

        return (new ArrayMap<string, double>(keys, values), lastDistributions);
    }

    private IReadOnlyDictionary<long, double> Steps(Span<KeyValuePair<long, double>> rows)
    {
        if (rows.IsEmpty)
        {
            return NoSteps;
        }

        rows.Sort(static (a, b) => a.Key.CompareTo(b.Key));
        var keys = Scratch(ref stepScratch, rows.Length);
        var values = new double[rows.Length];
        for (int k = 0; k < rows.Length; k++)
        {
            (keys[k], values[k]) = (rows[k].Key, rows[k].Value);
        }

        return new ArrayMap<long, double>(MapKeys<long>.Reuse(ref stepKeys, keys), values);
    }

    private IReadOnlyDictionary<string, object?> Attrs(Span<Attr> rows, ref MapKeys<string>? last)
    {
        if (rows.IsEmpty)
        {
            return NoAttrs;
        }

        var keys = Scratch(ref nameScratch, rows.Length);
        var values = new object?[rows.Length];
        for (int k = 0; k < rows.Length; k++)
        {
            (keys[k], values[k]) = (rows[k].Key, rows[k].Value);
        }

        return new ArrayMap<string, object?>(MapKeys<string>.Reuse(ref last, keys), values);
    }

    private static bool InRecordingOrder(Span<Param> ps)
    {
        for (int k = 1; k < ps.Length; k++)
        {
            if (ps[k].Seq < ps[k - 1].Seq)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The first <paramref name="length"/> items of a reusable buffer, grown when too short.</summary>
    private static Span<T> Scratch<T>(ref T[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new T[Math.Max(length, 2 * buffer.Length)];
        }

        return buffer.AsSpan(0, length);
    }

    private readonly record struct Head(long Id, int Number, TrialState State, double[]? Values, long? Start, long? Complete);

    private readonly record struct Param(long Seq, string Name, double Value, Distribution Distribution);

    private readonly record struct Attr(bool User, string Key, object? Value);
}
