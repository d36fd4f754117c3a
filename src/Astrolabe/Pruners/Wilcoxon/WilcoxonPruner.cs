namespace Astrolabe;

/// <summary>
/// For objectives that aggregate many evaluations (the folds of a cross-validation, the instances of a
/// benchmark): each step is one fold or instance, reported with its own value, and the step number names it,
/// so trials are compared fold by fold in any order (Optuna's <c>WilcoxonPruner</c>). The pruner pairs the
/// trial's values with the best Complete trial's values at the steps both reported and runs a one-sided
/// Wilcoxon signed-rank test (zeros split); the trial is pruned when the p-value that it is worse is below
/// <see cref="WilcoxonPrunerOptions.PThreshold"/>, except when the mean of its values is no worse than the
/// best trial's value (a safety that keeps the best trial complete on every step). Nothing is pruned while
/// fewer than <see cref="WilcoxonPrunerOptions.NStartupSteps"/> steps are shared, when no trial is Complete,
/// or when either trial has a NaN or infinite value.
/// </summary>
public sealed class WilcoxonPruner : Pruner
{
    private readonly double pThreshold;
    private readonly int nStartupSteps;

    /// <summary>Creates the pruner (Optuna's defaults when <paramref name="options"/> is null).</summary>
    public WilcoxonPruner(WilcoxonPrunerOptions? options = null)
    {
        options ??= new WilcoxonPrunerOptions();
        options.Validate();
        (pThreshold, nStartupSteps) = (options.PThreshold, options.NStartupSteps);
    }

    /// <inheritdoc />
    public override bool Prune(Study study, FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        var mine = trial.IntermediateValues;
        if (mine.Count == 0 || mine.Values.Any(v => !double.IsFinite(v))
            || study.Storage.GetTrialCount(study.StudyId, [TrialState.Complete]) == 0)
        {
            return false;
        }

        var best = study.BestTrial;
        if (best.IntermediateValues.Count == 0 || best.IntermediateValues.Values.Any(v => !double.IsFinite(v)))
        {
            return false;
        }

        var differences = new List<double>();
        foreach (var (step, value) in mine)
        {
            if (best.IntermediateValues.TryGetValue(step, out double other))
            {
                differences.Add(value - other);
            }
        }

        if (differences.Count < nStartupSteps)
        {
            return false;
        }

        bool maximize = study.Direction == StudyDirection.Maximize;
        double mean = mine.Values.Average();
        double bestValue = best.Value!.Value;
        bool meanIsNoWorse = maximize ? bestValue <= mean : bestValue >= mean;
        double p = WilcoxonSignedRankTest.PValue(differences, maximize ? SignedRankAlternative.Less : SignedRankAlternative.Greater);
        return p < pThreshold && !meanIsNoWorse;
    }
}
