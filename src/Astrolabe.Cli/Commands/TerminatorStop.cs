namespace Astrolabe.Cli.Commands;

/// <summary>
/// <c>optimize --terminate</c>: after each trial, Optuna's terminator for objectives without cross-validation scores
/// (<see cref="EMMREvaluator"/> against a <see cref="MedianErrorEvaluator"/> of it) decides whether the study stops;
/// it remembers the trial after which it did.
/// </summary>
internal sealed class TerminatorStop
{
    private readonly Terminator terminator;
    private int stoppedAfter = -1;

    public TerminatorStop(int? seed)
    {
        var emmr = new EMMREvaluator(seed: seed);
        terminator = new Terminator(new TerminatorOptions { ImprovementEvaluator = emmr, ErrorEvaluator = new MedianErrorEvaluator(emmr) });
    }

    /// <summary>The number of the trial after which the terminator stopped the study, if it did.</summary>
    public int? StoppedAfter => stoppedAfter >= 0 ? stoppedAfter : null;

    /// <summary>The callback: stops the study when the terminator says so.</summary>
    public void Invoke(Study study, FrozenTrial trial)
    {
        if (terminator.ShouldTerminate(study))
        {
            Interlocked.CompareExchange(ref stoppedAfter, trial.Number, -1);
            study.Stop();
        }
    }
}
