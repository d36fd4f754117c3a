namespace Astrolabe;

/// <summary>
/// An immutable snapshot of a trial as a storage holds it. Samplers, pruners, callbacks and users read
/// trials through this type; nothing they do to it reaches the storage. <see cref="Params"/> holds the
/// user-facing values and <see cref="InternalParams"/> the doubles samplers work with (category index
/// for categorical parameters).
/// </summary>
public sealed record FrozenTrial
{
    // Shared empty defaults: nothing can change them through the read-only interfaces, and a storage that
    // reads many trials then allocates only what a trial has.
    private static readonly IReadOnlyDictionary<string, object?> EmptyAttrs = new Dictionary<string, object?>();
    private static readonly IReadOnlyDictionary<string, double> EmptyParams = new Dictionary<string, double>();
    private static readonly IReadOnlyDictionary<string, Distribution> EmptyDistributions = new Dictionary<string, Distribution>();
    private static readonly IReadOnlyDictionary<long, double> EmptyIntermediate = StepValues.Empty;

    /// <summary>The trial's number within its study: 0, 1, 2 … in creation order, unique per study.</summary>
    public int Number { get; init; }

    /// <summary>The storage's identifier of the trial, unique across studies.</summary>
    public long TrialId { get; init; }

    /// <summary>The current state.</summary>
    public TrialState State { get; init; }

    /// <summary>The objective values (one per direction), or null when the trial has none.</summary>
    public IReadOnlyList<double>? Values { get; init; }

    /// <summary>The single objective value; throws for a multi-objective trial.</summary>
    public double? Value => Values switch
    {
        null => null,
        { Count: 1 } v => v[0],
        _ => throw new InvalidOperationException("This trial has several objective values; read Values instead."),
    };

    /// <summary>
    /// The trial's constraint values (system attribute <c>constraints</c>, set by <see cref="Trial.SetConstraints"/> or a
    /// sampler's constraints function), or null when it has none. A value ≤ 0 is a satisfied constraint.
    /// </summary>
    public IReadOnlyList<double>? Constraints => ConstraintValues.Read(this);

    /// <summary>
    /// The intermediate values of a multi-objective trial by step, as
    /// <see cref="Trial.Report(IReadOnlyList{double}, long)"/> stored them (empty when it reported none).
    /// </summary>
    public IReadOnlyDictionary<long, IReadOnlyList<double>> IntermediateVectors
    {
        get
        {
            var result = new SortedDictionary<long, IReadOnlyList<double>>();
            foreach (var (key, value) in SystemAttrs)
            {
                if (key.StartsWith(SystemAttrKeys.IntermediateValuesPrefix, StringComparison.Ordinal)
                    && long.TryParse(key.AsSpan(SystemAttrKeys.IntermediateValuesPrefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long step)
                    && value is System.Collections.IEnumerable items and not string)
                {
                    result[step] = [.. items.Cast<object?>().Select(v => Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture))];
                }
            }

            return result;
        }
    }

    /// <summary>True unless the trial has constraint values and one of them is above 0.</summary>
    public bool IsFeasible => Constraints is not { } c || c.All(v => v <= 0);

    private readonly IReadOnlyDictionary<string, double> internalParams = EmptyParams;
    private readonly IReadOnlyDictionary<string, Distribution> distributions = EmptyDistributions;
    private IReadOnlyDictionary<string, object?>? externalParams;

    /// <summary>The parameters in suggestion order, by name, in user-facing form (derived from the internal values).</summary>
    public IReadOnlyDictionary<string, object?> Params => externalParams ??= ExternalParams(InternalParams, Distributions);

    /// <summary>The parameters as internal doubles (category index for categorical ones), in suggestion order.</summary>
    public IReadOnlyDictionary<string, double> InternalParams
    {
        get => internalParams;
        init
        {
            internalParams = value;
            externalParams = null;
        }
    }

    /// <summary>The distribution each parameter was drawn from.</summary>
    public IReadOnlyDictionary<string, Distribution> Distributions
    {
        get => distributions;
        init
        {
            distributions = value;
            externalParams = null;
        }
    }

    /// <summary>Values reported with <see cref="Trial.Report(double, long)"/>, by step, in ascending step order.</summary>
    public IReadOnlyDictionary<long, double> IntermediateValues { get; init; } = EmptyIntermediate;

    /// <summary>Attributes set by the user.</summary>
    public IReadOnlyDictionary<string, object?> UserAttrs { get; init; } = EmptyAttrs;

    /// <summary>Attributes set by Astrolabe itself (samplers, failure reasons, enqueued parameters).</summary>
    public IReadOnlyDictionary<string, object?> SystemAttrs { get; init; } = EmptyAttrs;

    /// <summary>When a worker started the trial (null while Waiting).</summary>
    public DateTimeOffset? DatetimeStart { get; init; }

    /// <summary>When the trial finished (null until it does).</summary>
    public DateTimeOffset? DatetimeComplete { get; init; }

    /// <summary>The largest reported step, or null when nothing was reported.</summary>
    public long? LastStep => IntermediateValues switch
    {
        StepValues steps => steps.LastStep,
        { Count: 0 } => null,
        var other => other.Keys.Max(),
    };

    /// <summary>Wall time from start to finish, when both are known.</summary>
    public TimeSpan? Duration => DatetimeStart is { } s && DatetimeComplete is { } c ? c - s : null;

    /// <summary>
    /// A copy of this snapshot with <paramref name="value"/> reported at <paramref name="step"/> (replacing a
    /// value there); this snapshot is unchanged. Reporting step after step costs amortised O(1) per step: the
    /// copies share the history instead of copying it.
    /// </summary>
    public FrozenTrial WithIntermediateValue(long step, double value) => this with
    {
        IntermediateValues = StepValues.From(IntermediateValues).Set(step, value),
    };

    /// <summary>Builds the user-facing parameter map from internal values and their distributions.</summary>
    public static IReadOnlyDictionary<string, object?> ExternalParams(
        IReadOnlyDictionary<string, double> internalParams, IReadOnlyDictionary<string, Distribution> distributions)
    {
        ArgumentNullException.ThrowIfNull(internalParams);
        ArgumentNullException.ThrowIfNull(distributions);
        var result = new Dictionary<string, object?>(internalParams.Count);
        foreach (var (name, value) in internalParams)
        {
            result[name] = distributions[name].ToExternal(value);
        }

        return result;
    }
}
