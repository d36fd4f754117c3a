namespace Astrolabe;

/// <summary>
/// Prunes a trial of a study with several objectives (Optuna has no such pruner) by the rule: at the last step the
/// trial reported (<see cref="Trial.Report(IReadOnlyList{double}, long)"/>), take the finished trials (Complete or
/// Pruned) that reported the same step; if at least <see cref="ParetoPrunerOptions.DominatedFraction"/> of them — and
/// at least one — dominate the trial's values there (at least as good in every objective under the study's
/// directions and better in one), the trial is pruned. Off until <see cref="ParetoPrunerOptions.NStartupTrials"/>
/// trials are Complete, before step <see cref="ParetoPrunerOptions.NWarmupSteps"/>, and while fewer than
/// <see cref="ParetoPrunerOptions.NMinTrials"/> trials reported the step. With one objective and the default 0.5 it is
/// the median rule on the current step's value. Depends only on the storage's snapshot.
/// </summary>
public sealed class ParetoPruner : Pruner
{
    private readonly ParetoPrunerOptions options;

    /// <summary>Creates the pruner; throws <see cref="ArgumentOutOfRangeException"/> for options out of range.</summary>
    public ParetoPruner(ParetoPrunerOptions? options = null)
    {
        this.options = options ?? new ParetoPrunerOptions();
        this.options.Validate();
    }

    /// <inheritdoc />
    public override bool SupportsMultiObjective => true;

    /// <inheritdoc />
    public override bool Prune(Study study, FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        var mine = trial.IntermediateVectors;
        if (mine.Count == 0)
        {
            return false;
        }

        var (step, values) = mine.Last();
        if (step < options.NWarmupSteps)
        {
            return false;
        }

        var finished = study.GetTrials(TrialState.Complete, TrialState.Pruned);
        if (finished.Count(t => t.State == TrialState.Complete) < options.NStartupTrials)
        {
            return false;
        }

        int reached = 0, dominating = 0;
        foreach (var other in finished)
        {
            if (other.TrialId == trial.TrialId || !other.IntermediateVectors.TryGetValue(step, out var theirs))
            {
                continue;
            }

            reached++;
            if (ParetoFront.Dominates(theirs, values, study.Directions))
            {
                dominating++;
            }
        }

        return reached >= options.NMinTrials && dominating > 0 && dominating >= options.DominatedFraction * reached;
    }
}
