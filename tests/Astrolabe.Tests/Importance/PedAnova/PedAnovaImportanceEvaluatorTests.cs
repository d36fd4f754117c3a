namespace Astrolabe.Tests.Importance.PedAnova;

public sealed class PedAnovaImportanceEvaluatorTests
{
    private static double Raw(List<FrozenTrial> trials, string name, StudyDirection direction = StudyDirection.Minimize, PedAnovaImportanceEvaluator? evaluator = null)
    {
        var input = ImportanceInput.Prepare(trials, [direction], null, null);
        return (evaluator ?? new PedAnovaImportanceEvaluator()).Evaluate(input.Data)[name];
    }

    [Fact]
    public void PearsonDivergenceIsThePapersDefinition()
    {
        // Σ q (p/q − 1)²: ½ (½)² + ½ (½)².
        Assert.Equal(0.25, PedAnovaImportanceEvaluator.PearsonDivergence([0.75, 0.25], [0.5, 0.5]), 9);
        Assert.Equal(0, PedAnovaImportanceEvaluator.PearsonDivergence([0.3, 0.7], [0.3, 0.7]), 12);
    }

    [Fact]
    public void CategoricalDivergenceByHand()
    {
        // Ten trials, five "a" (values 0–4) and five "b" (5–9); the top 10 % (at least two) are two "a".
        // p_top: kernel "a" of weight 2 puts (1 + ½)/2 on a, ½/2 on b; the flat prior of weight 1: (2·¾ + ½)/3 = ⅔ on a.
        // p_all: kernels "a" and "b" of weight 5 each and the prior are symmetric: ½ each.
        // Divergence: ½ (⅔/½ − 1)² + ½ (⅓/½ − 1)² = 1/9.
        var choice = new CategoricalDistribution(["a", "b"]);
        var trials = Enumerable.Range(0, 10)
            .Select(i => ImportanceTrials.Complete(i, [i], [("c", i < 5 ? 0 : 1, choice), ("x", (i * 7 % 10) / 10.0, ImportanceTrials.Unit)]))
            .ToList();

        Assert.Equal(1.0 / 9, Raw(trials, "c"), 9);
    }

    [Fact]
    public void IntegerDivergenceByHand()
    {
        // An int in {0, 1}: a grid of two cells. All ten trials split 5/5 (a symmetric density: ½ each); the top two are
        // both 0, so p_top is (2 k + ½) / 3 on cell 0, with k the mass the kernel at 0 of the smallest bandwidth
        // (0.5 / 1.64 cells) keeps on its own cell of the grid truncated to [−½, 1½]. Divergence: (2 p_top(0) − 1)².
        var bit = new IntDistribution(0, 1);
        var trials = Enumerable.Range(0, 10)
            .Select(i => ImportanceTrials.Complete(i, [i], [("b", i < 5 ? 0 : 1, bit), ("x", (i * 3 % 10) / 10.0, ImportanceTrials.Unit)]))
            .ToList();
        double sigma = 0.5 / 1.64;
        double k = (NormalMath.Ndtr(0.5 / sigma) - NormalMath.Ndtr(-0.5 / sigma)) / (NormalMath.Ndtr(1.5 / sigma) - NormalMath.Ndtr(-0.5 / sigma));
        double top = ((2 * k) + 0.5) / 3;

        Assert.Equal((2 * top) - 1, Math.Sqrt(Raw(trials, "b")), 6);
    }

    [Fact]
    public void ADeterminingParameterTakesTheImportanceAndDirectionMatters()
    {
        // The value is x: the best trials are those of small x (large x when maximising); y is noise.
        var trials = ImportanceTrials.Random(300, ["x", "y"], v => v[0], seed: 11);
        var importances = ParamImportances.FromTrials(trials, [StudyDirection.Minimize], new PedAnovaImportanceEvaluator());
        Assert.True(importances["x"] > 0.9, $"x = {importances["x"]}");

        // Maximising, the good trials sit at the other end of x: still all on x.
        var maximized = ParamImportances.FromTrials(trials, [StudyDirection.Maximize], new PedAnovaImportanceEvaluator());
        Assert.True(maximized["x"] > 0.9, $"x = {maximized["x"]}");
        Assert.NotEqual(Raw(trials, "x"), Raw(trials, "x", StudyDirection.Maximize));
    }

    [Fact]
    public void TwoTrialsOrFewerScoreEqually()
    {
        var trials = ImportanceTrials.Random(2, ["x", "y"], v => v[0]);
        var importances = ParamImportances.FromTrials(trials, [StudyDirection.Minimize], new PedAnovaImportanceEvaluator());
        Assert.Equal(0.5, importances["x"]);
        Assert.Equal(0.5, importances["y"]);
    }

    [Fact]
    public void GlobalEvaluationComparesWithTheUniformDensity()
    {
        // Evenly spread trials (a van der Corput sequence) look uniform in the space too, so global ≈ local for x.
        var xs = Enumerable.Range(1, 200).Select(i => VanDerCorput(i)).ToList();
        var trials = xs.Select((x, i) => ImportanceTrials.Complete(i, [x], [("x", x, ImportanceTrials.Unit), ("y", VanDerCorput(i + 37), ImportanceTrials.Unit)])).ToList();
        double local = Raw(trials, "x"), global = Raw(trials, "x", evaluator: new PedAnovaImportanceEvaluator(evaluateOnLocal: false));
        Assert.InRange(global / local, 0.8, 1.25);
        Assert.Throws<ArgumentOutOfRangeException>(() => new PedAnovaImportanceEvaluator(1.5));
    }

    [Fact]
    public void NumericalValuesFallInTheCellOfTheNearestGridPoint()
    {
        // 50 points over [0, 1] spaced 1/49: 0 and 0.01 go to the first, 0.5 to the 25th (index 24 or 25 at the boundary), 1 to the last.
        var counts = ParzenGrid.Count(ImportanceTrials.Unit, [0, 0.01, 1, 0.99, 12.0 / 49]);
        Assert.Equal(2, counts[0]);
        Assert.Equal(2, counts[49]);
        Assert.Equal(1, counts[12]);

        // A stepped int gets one cell per value; a log int ⌈log₂(width + 1)⌉ + 1.
        Assert.Equal(8, ParzenGrid.Cells(new IntDistribution(1, 8)));
        Assert.Equal(11, ParzenGrid.Cells(new IntDistribution(1, 1024, log: true)));
        Assert.Equal(50, ParzenGrid.Cells(new IntDistribution(0, 1000)));
    }

    private static double VanDerCorput(int i)
    {
        double x = 0, f = 0.5;
        for (int k = i; k > 0; k >>= 1, f /= 2)
        {
            x += (k & 1) * f;
        }

        return x;
    }
}
