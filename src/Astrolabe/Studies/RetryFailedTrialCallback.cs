namespace Astrolabe;

/// <summary>
/// A <see cref="StudyOptions.FailedTrialCallback"/> that runs a trial of a dead worker again: it enqueues a
/// copy with the same parameters and user attributes, whose system attributes name the failed trial
/// (<see cref="SystemAttrKeys.FailedTrial"/>, the first attempt's number) and all earlier attempts
/// (<see cref="SystemAttrKeys.RetryHistory"/>). Use it as <c>FailedTrialCallback = new RetryFailedTrialCallback().Invoke</c>.
/// </summary>
public sealed class RetryFailedTrialCallback
{
    /// <summary>Retries a trial at most <paramref name="maxRetry"/> times (without limit when null).</summary>
    public RetryFailedTrialCallback(int? maxRetry = null)
    {
        if (maxRetry is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxRetry), maxRetry, "The number of retries must be zero or positive.");
        }

        MaxRetry = maxRetry;
    }

    /// <summary>The most retries of one original trial; null for no limit.</summary>
    public int? MaxRetry { get; }

    /// <summary>Enqueues the retry of <paramref name="trial"/> in <paramref name="study"/>, unless its retries are spent.</summary>
    public void Invoke(Study study, FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        var history = RetryHistory(trial);
        if (MaxRetry is { } max && history.Count > max)
        {
            return;
        }

        var fixedParams = trial.SystemAttrs.TryGetValue(SystemAttrKeys.FixedParams, out var f) && f is IReadOnlyDictionary<string, object?> enqueued
            ? new Dictionary<string, object?>(enqueued)
            : new Dictionary<string, object?>();
        foreach (var (name, value) in trial.Params)
        {
            fixedParams[name] = value;
        }

        study.Storage.CreateTrial(study.StudyId, new FrozenTrial
        {
            State = TrialState.Waiting,
            UserAttrs = new Dictionary<string, object?>(trial.UserAttrs),
            SystemAttrs = new Dictionary<string, object?>
            {
                [SystemAttrKeys.FixedParams] = fixedParams,
                [SystemAttrKeys.FailedTrial] = (long)(history.Count > 0 ? history[0] : trial.Number),
                [SystemAttrKeys.RetryHistory] = history.Select(n => (object?)(long)n).ToList(),
            },
        });
    }

    /// <summary>The numbers of all attempts up to and including <paramref name="trial"/>, oldest first.</summary>
    private static List<int> RetryHistory(FrozenTrial trial)
    {
        var earlier = trial.SystemAttrs.TryGetValue(SystemAttrKeys.RetryHistory, out var h) && h is IEnumerable<object?> list
            ? list.Select(n => Convert.ToInt32(n, System.Globalization.CultureInfo.InvariantCulture)).ToList()
            : [];
        earlier.Add(trial.Number);
        return earlier;
    }
}
