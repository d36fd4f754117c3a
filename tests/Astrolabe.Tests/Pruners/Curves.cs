namespace Astrolabe.Tests.Pruners;

/// <summary>Builds studies from hand-made learning curves: finished trials added whole, running trials reported step by step.</summary>
internal static class Curves
{
    public static Study NewStudy(StudyDirection direction = StudyDirection.Minimize, IStorage? storage = null, string name = "curves") =>
        Study.Create(new StudyOptions
        {
            StudyName = name,
            Direction = direction,
            Storage = storage ?? new InMemoryStorage(),
            Sampler = new RandomSampler(new RandomSamplerOptions { Seed = 0 }),
        });

    /// <summary>Steps 0, 1, 2 … for the values of a curve.</summary>
    public static SortedDictionary<long, double> Steps(params double[] curve) =>
        new(curve.Select((v, i) => (Step: (long)i, Value: v)).ToDictionary(p => p.Step, p => p.Value));

    /// <summary>Adds a Complete trial whose value is the curve's last value.</summary>
    public static FrozenTrial Complete(Study study, params double[] curve) => Finished(study, TrialState.Complete, Steps(curve), curve[^1]);

    /// <summary>Adds a finished trial with the given reports, value and system attributes.</summary>
    public static FrozenTrial Finished(Study study, TrialState state, IReadOnlyDictionary<long, double> reports, double? value,
        IReadOnlyDictionary<string, object?>? systemAttrs = null) =>
        study.AddTrial(new FrozenTrial
        {
            State = state,
            Values = value is { } v ? [v] : null,
            IntermediateValues = new SortedDictionary<long, double>(reports.ToDictionary()),
            SystemAttrs = systemAttrs ?? new Dictionary<string, object?>(),
            DatetimeStart = DateTimeOffset.UnixEpoch,
            DatetimeComplete = DateTimeOffset.UnixEpoch,
        });

    /// <summary>Starts a trial and reports the curve at steps 0, 1, 2 …; returns the live trial.</summary>
    public static Trial Running(Study study, params double[] curve) => RunningAt(study, [.. Steps(curve).Select(kv => (kv.Key, kv.Value))]);

    /// <summary>Starts a trial and reports the given steps in the given order; returns the live trial.</summary>
    public static Trial RunningAt(Study study, params (long Step, double Value)[] reports)
    {
        var trial = study.Ask();
        foreach (var (step, value) in reports)
        {
            trial.Report(value, step);
        }

        return trial;
    }

    /// <summary>The pruner's answer for the trial as the storage holds it now.</summary>
    public static bool Decide(Pruner pruner, Study study, Trial trial) => pruner.Prune(study, study.Storage.GetTrial(trial.TrialId));
}
