namespace Astrolabe.Tests.Samplers.Tpe;

public sealed class TpeHyperbandTests
{
    // Multivariate: the adaptive joint kernels meet pruned trials among the good ones (their improvement weights
    // then fall back to the usual weights).
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void UnderHyperbandTpeSearchesAndPrunesPerBracket(bool multivariate)
    {
        var study = Study.Create(new StudyOptions
        {
            Sampler = new TpeSampler(new TpeSamplerOptions { Seed = 1, NStartupTrials = 5, Multivariate = multivariate }),
            Pruner = new HyperbandPruner(new HyperbandPrunerOptions { MinResource = 1, MaxResource = 9, ReductionFactor = 3 }),
        });
        study.Optimize(t =>
        {
            double x = t.SuggestFloat("x", -5, 5);
            double final = (x - 1) * (x - 1);
            for (int step = 1; step <= 9; step++)
            {
                t.Report(final + (1.0 / step), step);
                if (t.ShouldPrune())
                {
                    throw new TrialPrunedException();
                }
            }

            return final;
        }, nTrials: 60);
        Assert.True(study.GetTrials(TrialState.Pruned).Count > 0);
        Assert.True(study.BestValue < 0.5, $"best {study.BestValue}");
    }

    [Fact]
    public void TpeLearnsOnlyFromTheHistoryTheStudysPrunerHandsIt()
    {
        // A pruner that hands TPE no history keeps it in its random start-up phase: the same values as a TPE that
        // never leaves it, from the same seed.
        var blind = new BlindingPruner();
        var narrowed = Study.Create(new StudyOptions { Sampler = new TpeSampler(new TpeSamplerOptions { Seed = 3, NStartupTrials = 2 }), Pruner = blind });
        var startup = Study.Create(new StudyOptions { Sampler = new TpeSampler(new TpeSamplerOptions { Seed = 3, NStartupTrials = 1000 }) });
        static double Objective(Trial t) => t.SuggestFloat("x", -5, 5) + t.SuggestInt("n", 0, 9);
        narrowed.Optimize(Objective, nTrials: 12);
        startup.Optimize(Objective, nTrials: 12);

        Assert.Equal(startup.Trials.Select(t => t.Params), narrowed.Trials.Select(t => t.Params));
        Assert.Equal(Enumerable.Range(0, 12), blind.Asked.Select(a => a.Trial).Distinct());
        Assert.All(blind.Asked, a => Assert.Equal(a.Trial, a.History));
    }

    private sealed class BlindingPruner : Pruner
    {
        public List<(int Trial, int History)> Asked { get; } = [];

        public override bool Prune(Study study, FrozenTrial trial) => false;

        public override IReadOnlyList<FrozenTrial> FilterHistory(Study study, FrozenTrial trial, IReadOnlyList<FrozenTrial> trials)
        {
            Asked.Add((trial.Number, trials.Count));
            return [];
        }
    }
}
