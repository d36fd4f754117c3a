namespace Astrolabe;

/// <summary>
/// Decides when further trials of a single-objective study are no longer worth running (Optuna's <c>Terminator</c>):
/// once the study has <see cref="TerminatorOptions.MinNTrials"/> Complete trials, it stops when the estimated room for
/// improvement falls below the estimated statistical error of the objective — an improvement smaller than the noise
/// cannot be told apart from it. Call <see cref="ShouldTerminate"/> between trials (ask-and-tell), or pass a
/// <see cref="TerminatorCallback"/> to <c>Optimize</c>. Thread-safe when its evaluators are (the built-in ones are).
/// </summary>
public sealed class Terminator
{
    /// <summary>Creates the terminator; throws <see cref="ArgumentOutOfRangeException"/> for a minimum below 1.</summary>
    public Terminator(TerminatorOptions? options = null)
    {
        options ??= new TerminatorOptions();
        options.Validate();
        ImprovementEvaluator = options.ImprovementEvaluator ?? new RegretBoundEvaluator();
        ErrorEvaluator = options.ErrorEvaluator
            ?? (ImprovementEvaluator is BestValueStagnationEvaluator ? new StaticErrorEvaluator(0) : new CrossValidationErrorEvaluator());
        MinNTrials = options.MinNTrials;
    }

    /// <summary>The room-for-improvement estimate.</summary>
    public IImprovementEvaluator ImprovementEvaluator { get; }

    /// <summary>The statistical-error estimate.</summary>
    public IErrorEvaluator ErrorEvaluator { get; }

    /// <summary>The fewest Complete trials before the terminator judges.</summary>
    public int MinNTrials { get; }

    /// <summary>
    /// True when the study should stop: at least <see cref="MinNTrials"/> Complete trials and improvement &lt; error.
    /// Throws <see cref="ArgumentException"/> for a study with several objectives, and passes on the evaluators' errors
    /// (e.g. fewer than two Complete trials for the Gaussian-process evaluators when <see cref="MinNTrials"/> is 1).
    /// </summary>
    public bool ShouldTerminate(Study study)
    {
        ArgumentNullException.ThrowIfNull(study);
        if (study.Directions.Count != 1)
        {
            throw new ArgumentException($"The terminator supports single-objective studies only; this study has {study.Directions.Count} objectives.", nameof(study));
        }

        if (study.Storage.GetTrialCount(study.StudyId, [TrialState.Complete]) < MinNTrials)
        {
            return false;
        }

        var trials = study.Trials;
        double improvement = ImprovementEvaluator.Evaluate(trials, study.Direction);
        double error = ErrorEvaluator.Evaluate(trials, study.Direction);
        return improvement < error;
    }
}
