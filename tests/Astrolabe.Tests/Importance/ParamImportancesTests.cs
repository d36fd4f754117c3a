namespace Astrolabe.Tests.Importance;

public sealed class ParamImportancesTests
{
    private static readonly StudyDirection[] Minimize = [StudyDirection.Minimize];

    public static TheoryData<string> Methods => ["fanova", "mdi", "ped-anova"];

    private static IImportanceEvaluator Create(string method) => method switch
    {
        "fanova" => new FanovaImportanceEvaluator(seed: 0),
        "mdi" => new MeanDecreaseImpurityImportanceEvaluator(seed: 0),
        _ => new PedAnovaImportanceEvaluator(),
    };

    [Theory]
    [MemberData(nameof(Methods))]
    public void DominantParameterFirstIrrelevantLastSummingToOne(string method)
    {
        var trials = ImportanceTrials.Random(200, ["a", "b", "c"], x => (10 * x[1]) + x[0]);
        var importances = ParamImportances.FromTrials(trials, Minimize, Create(method));

        Assert.Equal(["b", "a", "c"], importances.Keys);
        Assert.Equal(1, importances.Values.Sum(), 12);
        Assert.True(importances["b"] > 0.6, $"{method}: b = {importances["b"]}");
        Assert.True(importances["c"] < 0.1, $"{method}: c = {importances["c"]}");
        Assert.True(importances.Values.Zip(importances.Values.Skip(1)).All(p => p.First >= p.Second));
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void SameSeedSameImportances(string method)
    {
        var trials = ImportanceTrials.Random(60, ["a", "b"], x => (x[0] * x[1]) + x[0]);
        Assert.Equal(ParamImportances.FromTrials(trials, Minimize, Create(method)), ParamImportances.FromTrials(trials, Minimize, Create(method)));
    }

    [Fact]
    public void TheDefaultEvaluatorIsFanovaAndTheStudyOverloadReadsCompleteTrials()
    {
        var study = Study.Create(new StudyOptions { Sampler = new RandomSampler(new RandomSamplerOptions { Seed = 3 }) });
        study.Optimize(t => (5 * t.SuggestFloat("x", 0, 1)) + (0.01 * t.SuggestFloat("y", 0, 1)), nTrials: 40);
        Study.Load(study.StudyName, study.Storage).Ask(); // a Running trial, which does not count

        var importances = ParamImportances.Get(study);
        Assert.Equal("x", importances.Keys.First());
        Assert.Equal(1, importances.Values.Sum(), 12);
    }

    [Fact]
    public void FewerThanTwoCompleteTrialsIsAnError()
    {
        var one = ImportanceTrials.Random(1, ["a"], x => x[0]);
        one.Add(ImportanceTrials.Complete(5, [], [("a", 0.5, ImportanceTrials.Unit)], TrialState.Fail));

        var e = Assert.Throws<ArgumentException>(() => ParamImportances.FromTrials(one, Minimize));
        Assert.Contains("at least 2 Complete trials; there is 1", e.Message);
        Assert.Throws<ArgumentException>(() => ParamImportances.FromTrials([], Minimize));
    }

    [Fact]
    public void AParameterWithOneValueGetsZeroAndComesLast()
    {
        var single = new FloatDistribution(2, 2);
        var random = new Random(4);
        var trials = Enumerable.Range(0, 50).Select(i =>
        {
            double a = random.NextDouble(), b = random.NextDouble();
            return ImportanceTrials.Complete(i, [a + (0.1 * b)], [("a", a, ImportanceTrials.Unit), ("b", b, ImportanceTrials.Unit), ("fixed", 2, single), ("same", 0.25, ImportanceTrials.Unit)]);
        }).ToList();

        foreach (string method in new[] { "fanova", "mdi", "ped-anova" })
        {
            var importances = ParamImportances.FromTrials(trials, Minimize, Create(method));
            Assert.Equal(["a", "b", "fixed", "same"], importances.Keys);
            Assert.Equal(0, importances["fixed"]);
            Assert.Equal(0, importances["same"]);
            Assert.Equal(1, importances.Values.Sum(), 12);
        }
    }

    [Fact]
    public void NoVaryingParameterIsAnError()
    {
        var trials = Enumerable.Range(0, 5).Select(i => ImportanceTrials.Complete(i, [i], [("a", 0.5, ImportanceTrials.Unit)])).ToList();
        var e = Assert.Throws<ArgumentException>(() => ParamImportances.FromTrials(trials, Minimize));
        Assert.Contains("No parameter takes more than one value", e.Message);
    }

    [Fact]
    public void AConstantTargetIsAnError()
    {
        var trials = ImportanceTrials.Random(10, ["a"], _ => 3);
        var e = Assert.Throws<ArgumentException>(() => ParamImportances.FromTrials(trials, Minimize));
        Assert.Contains("is 3 in all 10 trials", e.Message);
    }

    [Fact]
    public void ANaNTargetIsAnErrorNamingTheTrial()
    {
        var trials = ImportanceTrials.Random(10, ["a"], x => x[0]);
        trials[4] = trials[4] with { Values = [double.NaN] };

        var e = Assert.Throws<ArgumentException>(() => ParamImportances.FromTrials(trials, Minimize));
        Assert.Contains("Trial 4 has no numeric objective 0 (NaN)", e.Message);
    }

    [Fact]
    public void InfiniteTargetsAreLeftOutAsOptunaDoes()
    {
        var trials = ImportanceTrials.Random(30, ["a", "b"], x => x[0]);
        var withInfinity = trials.Select((t, i) => i % 5 == 0 ? t with { Values = [double.PositiveInfinity] } : t).ToList();

        var expected = ParamImportances.FromTrials(withInfinity.Where(t => double.IsFinite(t.Value!.Value)).ToList(), Minimize, Create("fanova"));
        Assert.Equal(expected, ParamImportances.FromTrials(withInfinity, Minimize, Create("fanova")));
    }

    [Fact]
    public void AnUnknownOrEmptyParameterListIsAnError()
    {
        var trials = ImportanceTrials.Random(10, ["a", "b"], x => x[0]);

        var e = Assert.Throws<ArgumentException>(() => ParamImportances.FromTrials(trials, Minimize, @params: ["a", "nope"]));
        Assert.Contains("No Complete trial has a parameter 'nope'; the parameters are: a, b", e.Message);
        Assert.Throws<ArgumentException>(() => ParamImportances.FromTrials(trials, Minimize, @params: []));
    }

    [Fact]
    public void ConditionalParametersAreLeftOutUnlessNamed()
    {
        // "depth" exists only in half the trials and drives their value.
        var random = new Random(2);
        var trials = Enumerable.Range(0, 80).Select(i =>
        {
            double a = random.NextDouble(), depth = random.NextDouble();
            return i % 2 == 0
                ? ImportanceTrials.Complete(i, [a + (5 * depth)], [("a", a, ImportanceTrials.Unit), ("depth", depth, ImportanceTrials.Unit)])
                : ImportanceTrials.Complete(i, [a], [("a", a, ImportanceTrials.Unit)]);
        }).ToList();

        Assert.Equal(["a"], ParamImportances.FromTrials(trials, Minimize).Keys);
        var named = ParamImportances.FromTrials(trials, Minimize, @params: ["a", "depth"]);
        Assert.Equal(["depth", "a"], named.Keys);
    }

    [Fact]
    public void SeveralObjectivesNeedATargetAndEachObjectiveHasItsOwnImportances()
    {
        var random = new Random(6);
        var trials = Enumerable.Range(0, 100).Select(i =>
        {
            double a = random.NextDouble(), b = random.NextDouble();
            return ImportanceTrials.Complete(i, [a, b], [("a", a, ImportanceTrials.Unit), ("b", b, ImportanceTrials.Unit)]);
        }).ToList();
        StudyDirection[] two = [StudyDirection.Minimize, StudyDirection.Maximize];

        var e = Assert.Throws<ArgumentException>(() => ParamImportances.FromTrials(trials, two));
        Assert.Contains("2 objectives", e.Message);
        Assert.Equal("a", ParamImportances.FromTrials(trials, two, target: ImportanceTarget.Objective(0)).Keys.First());
        Assert.Equal("b", ParamImportances.FromTrials(trials, two, target: ImportanceTarget.Objective(1)).Keys.First());
        Assert.Equal("b", ParamImportances.FromTrials(trials, two, new PedAnovaImportanceEvaluator(), target: ImportanceTarget.Objective(1)).Keys.First());
        Assert.Throws<ArgumentException>(() => ParamImportances.FromTrials(trials, two, target: ImportanceTarget.Objective(2)));
    }

    [Fact]
    public void AUserAttributeOrAnyFunctionCanBeTheTarget()
    {
        var random = new Random(8);
        var trials = Enumerable.Range(0, 60).Select(i =>
        {
            double a = random.NextDouble(), b = random.NextDouble();
            return ImportanceTrials.Complete(i, [a], [("a", a, ImportanceTrials.Unit), ("b", b, ImportanceTrials.Unit)], userAttrs: new() { ["loss"] = b * 3 });
        }).ToList();

        Assert.Equal("b", ParamImportances.FromTrials(trials, Minimize, target: ImportanceTarget.UserAttr("loss")).Keys.First());
        Assert.Equal("b", ParamImportances.FromTrials(trials, Minimize, target: ImportanceTarget.Of("b squared", t => t.InternalParams["b"] * t.InternalParams["b"])).Keys.First());

        var e = Assert.Throws<ArgumentException>(() => ParamImportances.FromTrials(trials, Minimize, target: ImportanceTarget.UserAttr("missing")));
        Assert.Contains("Trial 0 has no numeric user attribute 'missing' (NaN)", e.Message);
    }

    [Fact]
    public void CategoricalAndIntParametersAreJudged()
    {
        // Only the activation matters (ties among the best trials, so PED-ANOVA sees the others spread evenly there too).
        var act = new CategoricalDistribution(["relu", "tanh", "gelu"]);
        var layers = new IntDistribution(1, 6);
        var random = new Random(9);
        var trials = Enumerable.Range(0, 150).Select(i =>
        {
            int a = random.Next(3), l = random.Next(1, 7);
            double z = random.NextDouble();
            return ImportanceTrials.Complete(i, [new[] { 0.0, 3.0, 1.0 }[a]], [("act", a, act), ("layers", l, layers), ("z", z, ImportanceTrials.Unit)]);
        }).ToList();

        foreach (string method in new[] { "fanova", "mdi", "ped-anova" })
        {
            var importances = ParamImportances.FromTrials(trials, Minimize, Create(method));
            Assert.True(importances.Keys.First() == "act" && importances["act"] > 0.8, $"{method}: {string.Join(", ", importances)}");
            Assert.Equal(["act", "layers", "z"], importances.Keys.Order());
            Assert.Equal(1, importances.Values.Sum(), 12);
        }
    }
}
