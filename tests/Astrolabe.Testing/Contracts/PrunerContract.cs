using Astrolabe.Testing.Storages;

namespace Astrolabe.Testing.Contracts;

/// <summary>
/// What every pruner guarantees, on every storage, with one worker or several: trials end Complete or Pruned
/// with their last reported value, nothing is decided without a report, the same snapshot gets the same
/// answer, the order in which trials finish does not change a decision, and maximising −f decides as
/// minimising f. A pruner joins by a line in <see cref="Factories"/>; a storage by a kind in <see cref="TestStorages"/>.
/// Every study of a case lives on a database of its own (<see cref="TestStorage.OpenNew"/>).
/// </summary>
public sealed class PrunerContract(string name, TestStorage storage)
{
    private const int Steps = 9;

    private static readonly Dictionary<string, Func<StudyDirection, Pruner>> Factories = new()
    {
        ["Nop"] = _ => new NopPruner(),
        ["Median"] = _ => new MedianPruner(new MedianPrunerOptions { NStartupTrials = 3 }),
        ["Percentile"] = _ => new PercentilePruner(new PercentilePrunerOptions { Percentile = 25, NStartupTrials = 3 }),
        ["Threshold"] = d => new ThresholdPruner(d == StudyDirection.Minimize
            ? new ThresholdPrunerOptions { Upper = 1.2, NWarmupSteps = 2 }
            : new ThresholdPrunerOptions { Lower = -1.2, NWarmupSteps = 2 }),
        ["Patient"] = _ => new PatientPruner(new PatientPrunerOptions { Patience = 1 }),
        ["SuccessiveHalving"] = _ => new SuccessiveHalvingPruner(new SuccessiveHalvingPrunerOptions { MinResource = 1, ReductionFactor = 3 }),
        ["Hyperband"] = _ => new HyperbandPruner(new HyperbandPrunerOptions { MinResource = 1, MaxResource = Steps, ReductionFactor = 3 }),
        ["Wilcoxon"] = _ => new WilcoxonPruner(),
    };

    /// <summary>The names of every pruner the contract runs, in the matrix's order.</summary>
    public static IReadOnlyList<string> Pruners { get; } = [.. Factories.Keys];

    /// <summary>Every case, by name.</summary>
    public static IReadOnlyList<ContractCase<PrunerContract>> Cases { get; } = ContractCase.Of<PrunerContract>();

    private IStorage CreateStorage() => storage.OpenNew();

    /// <summary>A learning curve (minimised): it falls towards x, with a wobble so curves cross and stall.</summary>
    private static double Curve(double x, long step) => x + (1.0 / (step + 1)) + (0.05 * Math.Sin((13 * x) + step));

    [ContractCase]
    private void EveryTrialEndsCompleteOrPrunedWithItsLastValueOnOneWorker() => EveryTrialEndsCompleteOrPrunedWithItsLastValue(1);

    [ContractCase]
    private void EveryTrialEndsCompleteOrPrunedWithItsLastValueOnFourWorkers() => EveryTrialEndsCompleteOrPrunedWithItsLastValue(4);

    private void EveryTrialEndsCompleteOrPrunedWithItsLastValue(int parallelism)
    {
        var study = Study.Create(new StudyOptions
        {
            StudyName = "contract",
            Storage = CreateStorage(),
            Sampler = new RandomSampler(new RandomSamplerOptions { Seed = 3 }),
            Pruner = Factories[name](StudyDirection.Minimize),
        });
        study.Optimize(trial =>
        {
            double x = trial.SuggestFloat("x", 0, 1);
            for (long step = 0; step < Steps; step++)
            {
                trial.Report(Curve(x, step), step);
                if (trial.ShouldPrune())
                {
                    throw new TrialPrunedException();
                }
            }

            return Curve(x, Steps - 1);
        }, new OptimizeOptions { NTrials = 24, Parallelism = parallelism });

        var trials = study.Trials;
        Assert.Equal(24, trials.Count);
        Assert.All(trials, t => Assert.Contains(t.State, new[] { TrialState.Complete, TrialState.Pruned }));
        Assert.All(trials.Where(t => t.State == TrialState.Pruned), t => Assert.Equal(t.IntermediateValues[t.LastStep!.Value], t.Value));
        Assert.All(trials.Where(t => t.State == TrialState.Complete), t => Assert.Equal(Steps, t.IntermediateValues.Count));
        Assert.Contains(trials, t => t.State == TrialState.Complete);
        if (parallelism == 1)
        {
            Assert.Equal(name == "Nop", trials.All(t => t.State == TrialState.Complete));
        }
    }

    [ContractCase]
    private void NothingIsDecidedBeforeTheFirstReport()
    {
        var pruner = Factories[name](StudyDirection.Minimize);
        var study = History(pruner, StudyDirection.Minimize, [0, 1, 2, 3, 4, 5]);
        Assert.False(pruner.Prune(study, study.Ask().Snapshot));
    }

    [ContractCase]
    private void TheOrderInWhichTrialsFinishDoesNotChangeADecision()
    {
        var inOrder = Probe(Factories[name](StudyDirection.Minimize), StudyDirection.Minimize, [0, 1, 2, 3, 4, 5, 6, 7]);
        var reversed = Probe(Factories[name](StudyDirection.Minimize), StudyDirection.Minimize, [7, 6, 5, 4, 3, 2, 1, 0]);
        var shuffled = Probe(Factories[name](StudyDirection.Minimize), StudyDirection.Minimize, [3, 7, 0, 5, 1, 6, 2, 4]);
        Assert.Equal(inOrder, reversed);
        Assert.Equal(inOrder, shuffled);
        Assert.Equal(name != "Nop", inOrder.Contains(true));
        Assert.Contains(false, inOrder);
    }

    [ContractCase]
    private void MaximisingTheNegatedCurvesDecidesAlike()
    {
        int[] order = [0, 1, 2, 3, 4, 5, 6, 7];
        var minimised = Probe(Factories[name](StudyDirection.Minimize), StudyDirection.Minimize, order);
        var maximised = Probe(Factories[name](StudyDirection.Maximize), StudyDirection.Maximize, order);
        Assert.Equal(minimised, maximised);
    }

    private static readonly double[] HistoryX = [0.3, 0.7, 0.1, 0.9, 0.5, 0.2, 0.8, 0.6];
    private static readonly double[] ProbeX = [0.05, 0.4, 0.95, 0.65, 0.99];

    private static double Sign(StudyDirection direction) => direction == StudyDirection.Minimize ? 1 : -1;

    /// <summary>
    /// Eight trials report their curves step by step, interleaved, asking the pruner as workers do; they then
    /// finish in <paramref name="finishOrder"/>. Returns the study.
    /// </summary>
    private Study History(Pruner pruner, StudyDirection direction, int[] finishOrder)
    {
        var study = Study.Create(new StudyOptions { StudyName = "contract", Direction = direction, Storage = CreateStorage(), Pruner = pruner });
        var trials = HistoryX.Select(_ => study.Ask()).ToArray();
        for (long step = 0; step < Steps; step++)
        {
            for (int i = 0; i < trials.Length; i++)
            {
                trials[i].Report(Sign(direction) * Curve(HistoryX[i], step), step);
                _ = trials[i].ShouldPrune();
            }
        }

        foreach (int i in finishOrder.Where(i => i < trials.Length))
        {
            study.Tell(trials[i], Sign(direction) * Curve(HistoryX[i], Steps - 1));
        }

        return study;
    }

    /// <summary>After <see cref="History"/>, five probe trials report their curves; returns every decision, each asked twice of one snapshot.</summary>
    private List<bool> Probe(Pruner pruner, StudyDirection direction, int[] finishOrder)
    {
        var study = History(pruner, direction, finishOrder);
        var decisions = new List<bool>();
        foreach (double x in ProbeX)
        {
            var trial = study.Ask();
            for (long step = 0; step < Steps; step++)
            {
                trial.Report(Sign(direction) * Curve(x, step), step);
                var snapshot = study.Storage.GetTrial(trial.TrialId);
                bool decision = pruner.Prune(study, snapshot);
                Assert.Equal(decision, pruner.Prune(study, snapshot));
                decisions.Add(decision);
            }
        }

        return decisions;
    }
}
