namespace Astrolabe;

/// <summary>
/// A live trial: the objective asks it for parameters (define-by-run), reports intermediate values and
/// asks whether to stop. Each suggestion is written to the storage at once, so a crashed worker leaves a
/// readable trial. Asking for the same name again returns the same value; asking with a different
/// distribution is an error. A trial is used by one thread at a time.
/// </summary>
public sealed class Trial
{
    private readonly Study study;
    private readonly Dictionary<string, double> internalParams = [];
    private readonly Dictionary<string, Distribution> distributions = [];
    private readonly GrowingParams<double> paramLog = new();
    private readonly GrowingParams<Distribution> distributionLog = new();
    private readonly IReadOnlyDictionary<string, object?>? fixedParams;
    private readonly IReadOnlyDictionary<string, Distribution> relativeSpace;
    private readonly IReadOnlyDictionary<string, double> relativeParams;
    private FrozenTrial snapshot;

    /// <summary>
    /// Whether parameters were suggested since <see cref="snapshot"/> was made: it is made again only when read, with
    /// views of the parameters so far rather than copies (30 parameters copied one by one were 59 kB a trial).
    /// </summary>
    private bool stale;

    internal Trial(Study study, FrozenTrial created)
    {
        this.study = study;
        snapshot = created with { IntermediateValues = StepValues.From(created.IntermediateValues) };
        foreach (var (name, value) in created.InternalParams)
        {
            internalParams[name] = value;
            distributions[name] = created.Distributions[name];
            paramLog.Add(name, value);
            distributionLog.Add(name, created.Distributions[name]);
        }

        fixedParams = created.SystemAttrs.TryGetValue(SystemAttrKeys.FixedParams, out var f) ? f as IReadOnlyDictionary<string, object?> : null;
        study.Sampler.BeforeTrial(study, snapshot);
        relativeSpace = study.Sampler.InferRelativeSearchSpace(study, snapshot);
        relativeParams = relativeSpace.Count == 0
            ? new Dictionary<string, double>()
            : study.Sampler.SampleRelative(study, snapshot, relativeSpace);
    }

    /// <summary>The trial's number within its study.</summary>
    public int Number => snapshot.Number;

    /// <summary>The storage's identifier of the trial.</summary>
    public long TrialId => snapshot.TrialId;

    /// <summary>The study the trial belongs to.</summary>
    public Study Study => study;

    /// <summary>The parameters suggested so far, in user-facing form.</summary>
    public IReadOnlyDictionary<string, object?> Params => FrozenTrial.ExternalParams(internalParams, distributions);

    /// <summary>The distributions of the parameters suggested so far.</summary>
    public IReadOnlyDictionary<string, Distribution> Distributions => distributions;

    /// <summary>The user attributes as last written by this trial.</summary>
    public IReadOnlyDictionary<string, object?> UserAttrs => snapshot.UserAttrs;

    /// <summary>When the trial started.</summary>
    public DateTimeOffset? DatetimeStart => snapshot.DatetimeStart;

    /// <summary>A snapshot of the trial as the sampler sees it (parameters suggested so far).</summary>
    public FrozenTrial Snapshot => Fresh();

    /// <summary>Suggests a real number in [low, high], optionally log-scaled or on a grid of <paramref name="step"/>.</summary>
    public double SuggestFloat(string name, double low, double high, bool log = false, double? step = null) =>
        Suggest(name, new FloatDistribution(low, high, log, step));

    /// <summary>Suggests an integer in [low, high] on a grid of <paramref name="step"/>, optionally log-scaled.</summary>
    public int SuggestInt(string name, int low, int high, int step = 1, bool log = false) =>
        (int)Suggest(name, new IntDistribution(low, high, log, step));

    /// <summary>Suggests one of <paramref name="choices"/> (strings, numbers, booleans or null).</summary>
    public T SuggestCategorical<T>(string name, IReadOnlyList<T> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var distribution = new CategoricalDistribution(choices.Select(c => (object?)c));
        int index = (int)Suggest(name, distribution);
        return choices[index];
    }

    /// <summary>Suggests a value from any distribution and returns its internal representation.</summary>
    public double Suggest(string name, Distribution distribution)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(distribution);
        if (distributions.TryGetValue(name, out var existing))
        {
            if (!existing.Equals(distribution))
            {
                throw new ArgumentException(
                    $"Parameter '{name}' was already suggested in trial {Number} with {existing}; it cannot be suggested again with {distribution}.");
            }

            return internalParams[name];
        }

        double value;
        if (fixedParams is not null && fixedParams.TryGetValue(name, out var fixedValue))
        {
            value = distribution.ToInternal(fixedValue);
        }
        else if (distribution.IsSingle)
        {
            value = distribution.SingleValue;
        }
        else if (relativeParams.TryGetValue(name, out double r) && relativeSpace.TryGetValue(name, out var rd) && rd.Equals(distribution))
        {
            value = r;
        }
        else
        {
            value = study.Sampler.SampleIndependent(study, Fresh(), name, distribution);
        }

        if (!distribution.Contains(value))
        {
            throw new InvalidOperationException($"The value {value} for parameter '{name}' lies outside {distribution}.");
        }

        study.Storage.SetTrialParam(TrialId, name, value, distribution);
        internalParams[name] = value;
        distributions[name] = distribution;
        paramLog.Add(name, value);
        distributionLog.Add(name, distribution);
        stale = true;
        return value;
    }

    /// <summary>
    /// Reports an intermediate objective value at a step (an epoch, a number of samples …). A step reported
    /// twice keeps its first value. Not available for multi-objective studies. Amortised O(1) in memory for
    /// steps reported in ascending order: snapshots taken before stay as they were, without a copy per report.
    /// </summary>
    public void Report(double value, long step)
    {
        if (study.Directions.Count > 1)
        {
            throw new InvalidOperationException("Report is not supported for multi-objective studies.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(step);
        if (snapshot.IntermediateValues.ContainsKey(step))
        {
            return;
        }

        study.Storage.SetTrialIntermediateValue(TrialId, step, value);
        snapshot = snapshot.WithIntermediateValue(step, value);
    }

    /// <summary>
    /// Reports the intermediate values of a multi-objective trial at a step, one per objective (stored as the system
    /// attribute <see cref="SystemAttrKeys.IntermediateValuesPrefix"/> + step), for a pruner that compares vectors
    /// such as <see cref="ParetoPruner"/>. A step reported twice keeps its first values. Throws
    /// <see cref="ArgumentException"/> for a count other than the study's objectives or a NaN value.
    /// </summary>
    public void Report(IReadOnlyList<double> values, long step)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        if (values.Count != study.Directions.Count)
        {
            throw new ArgumentException($"Trial {Number} reported {values.Count} intermediate values; the study has {study.Directions.Count} objectives.", nameof(values));
        }

        if (values.Any(double.IsNaN))
        {
            throw new ArgumentException($"Trial {Number} reported a NaN intermediate value at step {step}.", nameof(values));
        }

        string key = SystemAttrKeys.IntermediateValuesPrefix + step.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!snapshot.SystemAttrs.ContainsKey(key))
        {
            SetSystemAttr(key, values.ToArray());
        }
    }

    /// <summary>
    /// Asks the study's pruner whether this trial should stop now, given what it has reported. In a study of several
    /// objectives only a pruner that compares several values (<see cref="Pruner.SupportsMultiObjective"/>) can be asked.
    /// </summary>
    public bool ShouldPrune()
    {
        if (study.Directions.Count > 1 && !study.Pruner.SupportsMultiObjective)
        {
            throw new InvalidOperationException($"ShouldPrune in a study of several objectives needs a pruner that compares several values (ParetoPruner); this study's is {study.Pruner.GetType().Name}.");
        }

        return study.Pruner.Prune(study, study.Storage.GetTrial(TrialId));
    }

    /// <summary>Stores a user attribute (null, bool, number, string, list or dictionary).</summary>
    public void SetUserAttr(string key, object? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        study.Storage.SetTrialUserAttr(TrialId, key, value);
        var attrs = new Dictionary<string, object?>(snapshot.UserAttrs) { [key] = value };
        snapshot = snapshot with { UserAttrs = attrs };
    }

    /// <summary>
    /// CPU time other processes spent on this trial (a program it ran and waited for), added to the CPU seconds its
    /// recorded cost (<see cref="TrialCost"/>) counts beside this process's own, and to the energy estimate.
    /// </summary>
    public TimeSpan ExternalCpuTime { get; private set; }

    /// <summary>Adds to <see cref="ExternalCpuTime"/>; throws <see cref="ArgumentOutOfRangeException"/> for a negative time.</summary>
    public void AddExternalCpuTime(TimeSpan time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(time, TimeSpan.Zero);
        ExternalCpuTime += time;
    }

    /// <summary>
    /// Records the trial's constraint values (each ≤ 0 when satisfied; Optuna's convention), so that
    /// <see cref="Study.BestTrial"/>, <see cref="Study.BestTrials"/>, the plots, the dashboard and the command line
    /// treat the trial as feasible or not, and samplers that take constraints see them. Throws
    /// <see cref="InvalidOperationException"/> for no values, a NaN, or a count other than the study's earlier trials
    /// had; nothing is stored then.
    /// </summary>
    public void SetConstraints(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        TrialConstraints.Set(study, TrialId, Number, values);
        var attrs = new Dictionary<string, object?>(snapshot.SystemAttrs) { [TrialConstraints.Key] = values.ToArray() };
        snapshot = snapshot with { SystemAttrs = attrs };
    }

    /// <summary>
    /// What this trial has cost so far — wall and CPU seconds, energy, CO₂e, and the FLOPs it recorded as
    /// <see cref="TrialCost.FlopsKey"/> — counted as its final <see cref="TrialCost"/> will be; null when it does not run
    /// under <c>Optimize</c> with <see cref="OptimizeOptions.RecordCost"/>. An objective may return a part of it as an
    /// objective value, to minimise energy or FLOPs next to accuracy in a study of several objectives.
    /// </summary>
    public TrialCost? CostSoFar()
    {
        if (Meter?.Peek(TrialId, ExternalCpuTime.TotalSeconds) is not { } cost)
        {
            return null;
        }

        return cost with { Flops = TrialCost.FlopsOf(snapshot) };
    }

    /// <summary>The meter of the run that runs this trial, while it does.</summary>
    internal CostMeter? Meter { get; set; }

    /// <summary>Stores a system attribute; reserved for samplers and pruners.</summary>
    public void SetSystemAttr(string key, object? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        study.Storage.SetTrialSystemAttr(TrialId, key, value);
        var attrs = new Dictionary<string, object?>(snapshot.SystemAttrs) { [key] = value };
        snapshot = snapshot with { SystemAttrs = attrs };
    }

    /// <summary>The snapshot with the parameters suggested so far (made again only after a suggestion).</summary>
    private FrozenTrial Fresh()
    {
        if (stale)
        {
            snapshot = snapshot with { InternalParams = paramLog.View(), Distributions = distributionLog.View() };
            stale = false;
        }

        return snapshot;
    }
}
