namespace Astrolabe;

/// <summary>
/// Asynchronous successive halving (Li et al., "A System for Massively Parallel Hyperparameter Tuning"), as
/// Optuna's <c>SuccessiveHalvingPruner</c>. Rung k is reached at step MinResource · ReductionFactor^(MinEarlyStoppingRate + k).
/// A trial reaching a rung records its latest value there (system attribute <c>completed_rung_k</c>) and is
/// promoted when that value is in the top 1/ReductionFactor of the values recorded at the rung by every trial
/// so far (at least the best one); otherwise, or while no more than BootstrapCount trials have reached the
/// rung, it is pruned. NaN values are pruned. The decision is a function of the storage snapshot: the
/// trial's own record is written before the comparison and never counted twice.
/// </summary>
public sealed class SuccessiveHalvingPruner : Pruner
{
    /// <summary>The study system attribute holding the "auto" MinResource once estimated.</summary>
    public const string MinResourceAttr = "successive_halving:min_resource";

    private readonly int? minResource;
    private readonly int reductionFactor;
    private readonly int minEarlyStoppingRate;
    private readonly int bootstrapCount;
    private readonly PersistedEstimate autoMinResource = new(MinResourceAttr);

    /// <summary>Creates the pruner (Optuna's defaults when <paramref name="options"/> is null).</summary>
    public SuccessiveHalvingPruner(SuccessiveHalvingPrunerOptions? options = null)
    {
        options ??= new SuccessiveHalvingPrunerOptions();
        options.Validate(nameof(SuccessiveHalvingPruner));
        (minResource, reductionFactor, minEarlyStoppingRate, bootstrapCount) =
            (options.MinResource, options.ReductionFactor, options.MinEarlyStoppingRate, options.BootstrapCount);
    }

    /// <summary>The system attribute under which a trial records its value at rung <paramref name="rung"/>.</summary>
    public static string RungAttr(int rung) => $"completed_rung_{rung}";

    /// <inheritdoc />
    public override bool Prune(Study study, FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        return Prune(study, trial, () => study.Trials);
    }

    /// <summary>Decides among the trials <paramref name="readTrials"/> returns (Hyperband passes one bracket's).</summary>
    internal bool Prune(Study study, FrozenTrial trial, Func<IReadOnlyList<FrozenTrial>> readTrials)
    {
        ArgumentNullException.ThrowIfNull(trial);
        if (trial.LastStep is not { } step)
        {
            return false;
        }

        IReadOnlyList<FrozenTrial>? trials = null;
        long? resource = minResource ?? autoMinResource.Get(study, () => EstimateMinResource(trials ??= readTrials()));
        if (resource is not { } r)
        {
            return false;
        }

        double value = trial.IntermediateValues[step];
        for (int rung = CurrentRung(trial); ; rung++)
        {
            if (step < r * Math.Pow(reductionFactor, minEarlyStoppingRate + rung))
            {
                return false;
            }

            if (double.IsNaN(value))
            {
                return true;
            }

            trials ??= readTrials();
            string key = RungAttr(rung);
            study.Storage.SetTrialSystemAttr(trial.TrialId, key, value);
            var competing = new List<double> { value };
            foreach (var t in trials)
            {
                if (t.TrialId != trial.TrialId && t.SystemAttrs.TryGetValue(key, out var v))
                {
                    competing.Add(PruningSteps.AttrToDouble(v));
                }
            }

            if (competing.Count <= bootstrapCount || !IsPromotable(value, competing, study.Direction))
            {
                return true;
            }
        }
    }

    private static int CurrentRung(FrozenTrial trial)
    {
        int rung = 0;
        while (trial.SystemAttrs.ContainsKey(RungAttr(rung)))
        {
            rung++;
        }

        return rung;
    }

    private static long? EstimateMinResource(IReadOnlyList<FrozenTrial> trials)
    {
        long? last = trials.Where(t => t.State == TrialState.Complete && t.LastStep is not null).Max(t => t.LastStep);
        return last is { } l ? Math.Max(l / 100, 1) : null;
    }

    private bool IsPromotable(double value, List<double> competing, StudyDirection direction)
    {
        int index = Math.Max((competing.Count / reductionFactor) - 1, 0);
        competing.Sort();
        return direction == StudyDirection.Maximize ? value >= competing[^(index + 1)] : value <= competing[index];
    }
}
