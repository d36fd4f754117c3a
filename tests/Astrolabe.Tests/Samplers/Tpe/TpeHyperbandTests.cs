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
}
