using Astrolabe.Testing.Storages;

namespace Astrolabe.Testing.Contracts;

/// <summary>
/// The cases every sampler must pass, on every storage: bounds, steps and log scales respected, the same
/// seed giving the same parameters, conditional (define-by-run) spaces, and parallel trials. A sampler joins
/// by a line in <see cref="SamplerSetups"/>; a storage by a kind in <see cref="TestStorages"/>. Every study of a
/// case lives on the case's shared database (<see cref="TestStorage.Open"/>).
/// </summary>
public sealed class SamplerContract(SamplerSetup sampler, TestStorage storage)
{
    /// <summary>How many trials each case runs; exhaustive samplers may need a finite space smaller than this.</summary>
    private const int Trials = 40;

    /// <summary>Every case, by name.</summary>
    public static IReadOnlyList<ContractCase<SamplerContract>> Cases { get; } = ContractCase.Of<SamplerContract>();

    /// <summary>True for samplers that only handle finite spaces (grid, brute force).</summary>
    private bool FiniteOnly => sampler.FiniteOnly;

    private Study NewStudy(int seed, StudyDirection direction = StudyDirection.Minimize) =>
        Study.Create(new StudyOptions { Sampler = sampler.Create(seed), Storage = storage.Open(), Direction = direction });

    [ContractCase]
    private void FloatsStayInBoundsAndOnTheirScale()
    {
        var study = NewStudy(1);
        study.Optimize(t =>
        {
            double a = FiniteOnly ? t.SuggestFloat("a", -2, 3, step: 0.5) : t.SuggestFloat("a", -2, 3);
            double b = FiniteOnly ? t.SuggestFloat("b", 0, 1, step: 0.5) : t.SuggestFloat("b", 1e-4, 1, log: true);
            double c = t.SuggestFloat("c", 0, 1, step: 0.25);
            return (a * a) + b + c;
        }, nTrials: FiniteOnly ? 5 : Trials);
        Assert.NotEmpty(study.Trials);
        foreach (var t in study.Trials)
        {
            double a = (double)t.Params["a"]!;
            double b = (double)t.Params["b"]!;
            double c = (double)t.Params["c"]!;
            Assert.InRange(a, -2, 3);
            Assert.InRange(b, FiniteOnly ? 0 : 1e-4, 1);
            Assert.InRange(c, 0, 1);
            Assert.Equal(0, Math.Abs((c / 0.25) - Math.Round(c / 0.25)), 9);
            Assert.Equal(TrialState.Complete, t.State);
        }
    }

    [ContractCase]
    private void IntsStayInBoundsOnTheirStep()
    {
        var study = NewStudy(2);
        study.Optimize(t => t.SuggestInt("n", 3, 15, step: 3) + t.SuggestInt("m", 1, 64, log: true) + t.SuggestCategorical("k", ["x", "y", "z"]).Length, nTrials: Trials);
        foreach (var t in study.Trials)
        {
            long n = (long)t.Params["n"]!;
            long m = (long)t.Params["m"]!;
            Assert.Contains(n, new long[] { 3, 6, 9, 12, 15 });
            Assert.InRange(m, 1, 64);
            Assert.Contains((string)t.Params["k"]!, new[] { "x", "y", "z" });
        }
    }

    [ContractCase]
    private void TheSameSeedGivesTheSameParameters()
    {
        static double Objective(Trial t) => t.SuggestInt("i", 0, 7) + t.SuggestCategorical("q", [1, 2, 4]) + t.SuggestFloat("f", 0, 2, step: 0.5);
        var first = NewStudy(7);
        first.Optimize(Objective, nTrials: Trials / 2);
        var second = NewStudy(7);
        second.Optimize(Objective, nTrials: Trials / 2);
        Assert.Equal(
            first.Trials.Select(t => string.Join(";", t.Params.Select(p => $"{p.Key}={p.Value}"))),
            second.Trials.Select(t => string.Join(";", t.Params.Select(p => $"{p.Key}={p.Value}"))));
    }

    [ContractCase]
    private void ConditionalSpacesKeepEachBranchConsistent()
    {
        var study = NewStudy(3);
        study.Optimize(t =>
        {
            string model = t.SuggestCategorical("model", ["mlp", "cnn"]);
            return model == "mlp"
                ? t.SuggestInt("layers", 1, 4)
                : t.SuggestInt("channels", 8, 32, step: 8) + t.SuggestCategorical("pool", ["max", "avg"]).Length;
        }, nTrials: Trials);
        foreach (var t in study.Trials)
        {
            if ((string)t.Params["model"]! == "mlp")
            {
                Assert.Equal(["model", "layers"], t.Params.Keys);
                Assert.InRange((long)t.Params["layers"]!, 1, 4);
            }
            else
            {
                Assert.Equal(["model", "channels", "pool"], t.Params.Keys);
            }
        }
    }

    [ContractCase]
    private async Task ParallelTrialsAreAllRecordedOnce()
    {
        var study = NewStudy(4);
        await study.OptimizeAsync(
            async (t, ct) =>
            {
                double x = t.SuggestInt("x", 0, 9);
                await Task.Yield();
                return x + t.SuggestCategorical("h", [0.5, 1.5]);
            },
            new OptimizeOptions { NTrials = 20, Parallelism = 4 });
        var trials = study.Trials;
        Assert.Equal(20, trials.Count);
        Assert.Equal(Enumerable.Range(0, 20), trials.Select(t => t.Number).Order());
        Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
    }

    [ContractCase]
    private void SamplingFindsAGoodPointOfASmallDiscreteProblem()
    {
        var study = NewStudy(5);
        study.Optimize(t => Math.Abs(t.SuggestInt("x", 0, 9) - 6), nTrials: Trials);
        Assert.True(study.BestValue <= 1, $"best value {study.BestValue} after {Trials} trials of a 10-point space");
    }
}
