using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Astrolabe;

/// <content>Ask-and-tell, enqueued trials and added trials.</content>
public sealed partial class Study
{
    /// <summary>
    /// Starts a trial: claims the oldest enqueued trial if one waits, otherwise creates a new one. With
    /// <paramref name="fixedDistributions"/> the parameters are suggested at once (for callers that know the
    /// space up front). Throws <see cref="SamplerExhaustedException"/> when the sampler has no point left.
    /// </summary>
    public Trial Ask(IReadOnlyDictionary<string, Distribution>? fixedDistributions = null) => StartTrial(fixedDistributions, null);

    /// <summary>Starts a trial; with <paramref name="beats"/>, its first heartbeat is recorded as it is created or claimed.</summary>
    private Trial StartTrial(IReadOnlyDictionary<string, Distribution>? fixedDistributions, IHeartbeatStorage? beats)
    {
        var created = Sampler is IReservingSampler reserving ? ClaimOrReserve(reserving, beats)
            : beats is null ? Storage.ClaimOrCreateTrial(StudyId) : beats.ClaimOrCreateTrialWithHeartbeat(StudyId);
        var trial = new Trial(this, created);
        if (fixedDistributions is not null)
        {
            foreach (var (name, distribution) in fixedDistributions)
            {
                trial.Suggest(name, distribution);
            }
        }

        return trial;
    }

    /// <summary>Claims an enqueued trial or, when none waits, has the sampler reserve a point for a new one.</summary>
    private FrozenTrial ClaimOrReserve(IReservingSampler reserving, IHeartbeatStorage? beats)
    {
        var claimed = beats is null ? Storage.ClaimWaitingTrial(StudyId) : beats.ClaimWaitingTrialWithHeartbeat(StudyId);
        if (claimed is not null)
        {
            return claimed;
        }

        if (!reserving.TryReserve(this, out var systemAttrs))
        {
            throw new SamplerExhaustedException();
        }

        var template = systemAttrs is null ? null : new FrozenTrial { State = TrialState.Running, SystemAttrs = systemAttrs };
        return beats is null ? Storage.CreateTrial(StudyId, template) : beats.CreateTrialWithHeartbeat(StudyId, template);
    }

    /// <summary>
    /// Finishes a trial with its objective value; a NaN or infinite value fails it, with the reason stored.
    /// Throws <see cref="ArgumentException"/>, changing nothing, for a trial asked from another study.
    /// </summary>
    public FrozenTrial Tell(Trial trial, double value) => Tell(trial, [value]);

    /// <summary>
    /// Finishes a trial with one value per objective; NaN, ±∞ or a wrong count fail it, with the reason stored.
    /// Throws <see cref="ArgumentException"/>, changing nothing, for a trial asked from another study.
    /// </summary>
    public FrozenTrial Tell(Trial trial, IReadOnlyList<double> values)
    {
        EnsureOwn(trial);
        return Finish(trial.Snapshot, TrialState.Complete, values, null);
    }

    /// <summary>
    /// Finishes a trial as Pruned (with its last reported value, unless that is NaN) or Fail (Complete needs
    /// values). Throws <see cref="ArgumentException"/>, changing nothing, for a trial asked from another study.
    /// </summary>
    public FrozenTrial Tell(Trial trial, TrialState state, string? failReason = null)
    {
        EnsureOwn(trial);
        return Finish(trial.Snapshot, state, null, failReason);
    }

    /// <summary>Finishes the trial with this number (ask in one process, tell in another).</summary>
    public FrozenTrial Tell(int trialNumber, IReadOnlyList<double>? values, TrialState state = TrialState.Complete)
    {
        var trial = Trials.FirstOrDefault(t => t.Number == trialNumber)
            ?? throw new ArgumentException($"Study '{StudyName}' has no trial number {trialNumber}.");
        return Finish(trial, state, values, null);
    }

    /// <summary>
    /// Adds a trial with fixed parameters to be evaluated before sampled ones (user-facing values by
    /// name). With <paramref name="skipIfExists"/> nothing is added when a trial with the same parameters exists.
    /// </summary>
    public void EnqueueTrial(IReadOnlyDictionary<string, object?> parameters, IReadOnlyDictionary<string, object?>? userAttrs = null, bool skipIfExists = false)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var fixedParams = new Dictionary<string, object?>(parameters);
        if (skipIfExists && Trials.Any(t => SameParams(t, fixedParams)))
        {
            return;
        }

        Storage.CreateTrial(StudyId, new FrozenTrial
        {
            State = TrialState.Waiting,
            SystemAttrs = new Dictionary<string, object?> { [SystemAttrKeys.FixedParams] = fixedParams },
            UserAttrs = userAttrs ?? new Dictionary<string, object?>(),
        });
    }

    /// <summary>Adds a finished trial as it is (e.g. from another study, to warm-start a sampler).</summary>
    public FrozenTrial AddTrial(FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        if (!trial.State.IsFinished())
        {
            throw new ArgumentException($"Only finished trials can be added; this one is {trial.State}.");
        }

        return Storage.CreateTrial(StudyId, trial);
    }

    /// <summary>Throws, changing nothing, unless the trial was asked from this study (its id and storage object).</summary>
    private void EnsureOwn(Trial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        var owner = trial.Study;
        if (owner.StudyId == StudyId && ReferenceEquals(owner.Storage, Storage))
        {
            return;
        }

        string where = ReferenceEquals(owner.Storage, Storage) ? "" : " on another storage object";
        throw new ArgumentException(
            $"Trial {trial.Number} belongs to study '{owner.StudyName}'{where}, not to study '{StudyName}'; tell it to the study it was asked from.",
            nameof(trial));
    }

    private FrozenTrial Finish(FrozenTrial trial, TrialState state, IReadOnlyList<double>? values, string? failReason)
    {
        if (state is TrialState.Running or TrialState.Waiting)
        {
            throw new ArgumentException($"A trial can only be told a finished state, not {state}.");
        }

        var current = Storage.GetTrial(trial.TrialId);
        if (current.State.IsFinished())
        {
            throw new InvalidOperationException($"Trial {trial.Number} is already finished ({current.State}).");
        }

        if (state == TrialState.Complete)
        {
            failReason = CheckValues(values);
            if (failReason is not null)
            {
                state = TrialState.Fail;
                values = null;
            }
        }
        else if (state == TrialState.Pruned && Directions.Count == 1 && current.IntermediateValues.Count > 0
            && current.IntermediateValues[current.LastStep!.Value] is var last && !double.IsNaN(last))
        {
            // As Optuna: a pruned trial keeps its last reported value, unless that is NaN.
            values = [last];
        }
        else
        {
            values = null;
        }

        if (failReason is not null)
        {
            Storage.SetTrialSystemAttr(trial.TrialId, SystemAttrKeys.FailReason, failReason);
            current = current with { SystemAttrs = new Dictionary<string, object?>(current.SystemAttrs) { [SystemAttrKeys.FailReason] = failReason } };
        }

        Sampler.AfterTrial(this, current, state, values);
        if (!Storage.SetTrialStateValues(trial.TrialId, state, values))
        {
            throw new InvalidOperationException($"Trial {trial.Number} was finished by another worker.");
        }

        var finished = Storage.GetTrial(trial.TrialId);
        LogFinished(finished, failReason);
        return finished;
    }

    // Non-finite numbers as Python and Optuna print them, like the command line does everywhere.
    private static string Spelled(double v) => double.IsNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";

    private string? CheckValues(IReadOnlyList<double>? values)
    {
        if (values is null)
        {
            return "The objective returned no value.";
        }

        if (values.Count != Directions.Count)
        {
            return $"The objective returned {values.Count} value(s) but the study has {Directions.Count} objective(s).";
        }

        foreach (double v in values)
        {
            if (!double.IsFinite(v))
            {
                return $"The objective returned {Spelled(v)}, which is not a finite number.";
            }
        }

        return null;
    }

    private static bool SameParams(FrozenTrial t, Dictionary<string, object?> fixedParams)
    {
        var other = t.SystemAttrs.TryGetValue(SystemAttrKeys.FixedParams, out var f) && f is IReadOnlyDictionary<string, object?> d ? d : t.Params;
        return other.Count == fixedParams.Count
            && fixedParams.All(kv => other.TryGetValue(kv.Key, out var v) && CategoricalDistribution.SameChoice(v, kv.Value));
    }

    private void LogFinished(FrozenTrial trial, string? failReason)
    {
        if (!Logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        string values = trial.Values is null ? "none" : string.Join(", ", trial.Values.Select(v => v.ToString("G6", CultureInfo.InvariantCulture)));
        string parameters = string.Join(", ", trial.Params.Select(p => $"{p.Key}={CategoricalDistribution.Describe(p.Value)}"));
        Logger.LogInformation("Trial {Number} {State} with values [{Values}] and parameters {{{Params}}}. {Reason}", trial.Number, trial.State, values, parameters, failReason ?? "");
    }
}
