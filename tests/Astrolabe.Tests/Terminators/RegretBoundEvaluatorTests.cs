namespace Astrolabe.Tests.Terminators;

public sealed class RegretBoundEvaluatorTests
{
    [Fact]
    public void BetaIsOptunasFormula()
    {
        // 2 log(d n² π² / (6 δ)) / 5, by hand: d = 1, n = 2, δ = 0.1 → 2 log(65.797) / 5.
        Assert.Equal(1.6746319026338727, RegretBound.Beta(1, 2, 0.1), 12);
        Assert.Equal(3.4016271480483966, RegretBound.Beta(3, 10, 0.1), 12);
    }

    [Fact]
    public void TopRowsTakeTheBestHalfWithTies()
    {
        // Best 2 of 5 (⌊5 · 0.5⌋ = 2): 5 and 3, and the other 3 tied with it.
        Assert.Equal([0, 2, 3], RegretBoundEvaluator.TopRows([5, 1, 3, 3, 2], 0.5, 2));

        // At least the minimum (all when there are fewer).
        Assert.Equal([0, 1, 2, 3, 4], RegretBoundEvaluator.TopRows([5, 1, 3, 3, 2], 0.5, 20));
    }

    [Fact]
    public void StandardizedBoundMatchesAnIndependentPosterior()
    {
        // Two points of one dimension with fixed hyperparameters: the posterior by the 2 × 2 formulas, written out.
        double[] x = [0.2, 0.8], y = [-1, 1];
        const double lambda = 4, scale = 1.5, noise = 1e-6;
        var kernel = new GpKernelParams([lambda], scale, noise);
        var model = GpFit.Build(x, y, [false], kernel)!;
        var space = new GpSpace(new Dictionary<string, Distribution> { ["x"] = new FloatDistribution(0, 1) });
        double bound = RegretBound.Standardized(model, space, x, 2, 0.1, 64, new Random(7));

        static double Matern(double d, double lambda, double scale)
        {
            double r = Math.Sqrt(lambda) * Math.Abs(d);
            return scale * (1 + (Math.Sqrt(5) * r) + (5 * r * r / 3)) * Math.Exp(-Math.Sqrt(5) * r);
        }

        double a = scale + noise, b = Matern(x[0] - x[1], lambda, scale), det = (a * a) - (b * b);
        (double Mean, double Var) Posterior(double t)
        {
            double k0 = Matern(t - x[0], lambda, scale), k1 = Matern(t - x[1], lambda, scale);
            // K⁻¹ = [[a, −b], [−b, a]] / det
            double w0 = ((a * k0) - (b * k1)) / det, w1 = ((a * k1) - (b * k0)) / det;
            return ((w0 * y[0]) + (w1 * y[1]), scale - (w0 * k0) - (w1 * k1));
        }

        double sqrtBeta = Math.Sqrt(2 * Math.Log(1 * 4 * Math.PI * Math.PI / 6 / 0.1) / 5);
        var replay = new Random(7);
        var candidates = x.Concat(Enumerable.Range(0, 64).Select(_ => replay.NextDouble()));
        double maxUcb = candidates.Max(t => Posterior(t).Mean + (sqrtBeta * Math.Sqrt(Math.Max(Posterior(t).Var, 1e-10))));
        double maxLcb = x.Max(t => Posterior(t).Mean - (sqrtBeta * Math.Sqrt(Math.Max(Posterior(t).Var, 1e-10))));
        Assert.Equal(maxUcb - maxLcb, bound, 8);
        Assert.True(bound > 0.1, $"bound {bound}: the gap between the points is uncertain");
    }

    [Fact]
    public void BoundIsInTheObjectivesUnitsAndFollowsTheDirection()
    {
        var xs = TerminatorTrials.VanDerCorput(30).ToList();
        // Fresh evaluators: each fit starts from the default hyperparameters, so the three fits see the same targets.
        double bound = new RegretBoundEvaluator(seed: 3).Evaluate(TerminatorTrials.OneDimensional(xs, x => Math.Sin(6 * x)), StudyDirection.Minimize);
        double scaled = new RegretBoundEvaluator(seed: 3).Evaluate(TerminatorTrials.OneDimensional(xs, x => 10 * Math.Sin(6 * x)), StudyDirection.Minimize);
        double flipped = new RegretBoundEvaluator(seed: 3).Evaluate(TerminatorTrials.OneDimensional(xs, x => -Math.Sin(6 * x)), StudyDirection.Maximize);
        Assert.True(bound > 0, $"bound {bound}");
        Assert.Equal(10 * bound, scaled, 6);
        Assert.Equal(bound, flipped, 9);
    }

    [Fact]
    public void BoundShrinksWhenTheSpaceIsExploredAroundTheBest()
    {
        static double F(double x) => (x - 0.5) * (x - 0.5);
        // 8 points far from the optimum leave the middle open; 60 evenly spread points pin it down.
        double open = new RegretBoundEvaluator(seed: 1).Evaluate(TerminatorTrials.OneDimensional([0, 0.05, 0.1, 0.15, 0.85, 0.9, 0.95, 1], F), StudyDirection.Minimize);
        double explored = new RegretBoundEvaluator(seed: 1).Evaluate(TerminatorTrials.OneDimensional(TerminatorTrials.VanDerCorput(60), F), StudyDirection.Minimize);
        Assert.True(explored < open / 10, $"explored {explored}, open {open}");
    }

    [Fact]
    public void AConstantObjectiveLeavesNoRoom()
    {
        double bound = new RegretBoundEvaluator(seed: 1).Evaluate(TerminatorTrials.OneDimensional(TerminatorTrials.VanDerCorput(25), _ => 4.2), StudyDirection.Minimize);
        Assert.InRange(bound, 0, 1e-6);
    }

    [Fact]
    public void FewerThanTwoCompleteTrialsAreAClearError()
    {
        var one = TerminatorTrials.OneDimensional([0.3], x => x);
        var e = Assert.Throws<ArgumentException>(() => new RegretBoundEvaluator().Evaluate(one, StudyDirection.Minimize));
        Assert.StartsWith("RegretBoundEvaluator needs at least 2 Complete trials; the study has 1.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEmptySearchSpaceIsAClearError()
    {
        var trials = new[] { TerminatorTrials.Complete(0, 1, []), TerminatorTrials.Complete(1, 2, []) };
        var e = Assert.Throws<ArgumentException>(() => new RegretBoundEvaluator().Evaluate(trials, StudyDirection.Minimize));
        Assert.Contains("the intersection search space is empty", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MultiObjectiveTrialsAreAClearError()
    {
        var trials = TerminatorTrials.OneDimensional([0.1, 0.5, 0.9], x => x).Select(t => t with { Values = [1.0, 2.0] }).ToList();
        var e = Assert.Throws<ArgumentException>(() => new RegretBoundEvaluator().Evaluate(trials, StudyDirection.Minimize));
        Assert.StartsWith("RegretBoundEvaluator supports single-objective studies only; trial 0 has 2 values.", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0, 20)]
    [InlineData(1.5, 20)]
    [InlineData(double.NaN, 20)]
    [InlineData(0.5, 0)]
    public void BadOptionsAreRefused(double ratio, int minimum) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RegretBoundEvaluator(ratio, minimum));
}
