namespace Astrolabe.Tests.Samplers.Gp;

public sealed class GpAcquisitionTests
{
    public static TheoryData<string> Kinds => new() { "ei", "ei+constraint", "ehvi", "feasibility" };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void TheGradientMatchesFiniteDifferencesAndTheBatchValue(string kind)
    {
        var acquisition = Build(kind);
        double[] point = [0.37, 1, 0.61];
        var gradient = new double[3];
        double value = acquisition.ValueAndGradient(point, gradient);
        Assert.True(double.IsFinite(value), $"value {value}");
        foreach (int k in new[] { 0, 2 })
        {
            var up = (double[])point.Clone();
            var down = (double[])point.Clone();
            up[k] += 1e-6;
            down[k] -= 1e-6;
            double numeric = (acquisition.ValueAndGradient(up, new double[3]) - acquisition.ValueAndGradient(down, new double[3])) / 2e-6;
            Assert.Equal(numeric, gradient[k], 1e-4 * Math.Max(1, Math.Abs(numeric)));
        }

        Assert.Equal(0, gradient[1]); // categorical coordinate
        var batch = AcquisitionOptimizer.EvaluateMany(acquisition, [point], 3);
        Assert.Equal(value, batch[0], 1e-9);
    }

    [Fact]
    public void LogEiStaysFiniteWhereExpectedImprovementUnderflows()
    {
        var model = GpNumericsTests.SmallModel(out _);
        var acquisition = GpAcquisition.ExpectedImprovement(model, best: 60, [], []);
        var gradient = new double[3];
        double value = acquisition.ValueAndGradient([0.5, 0, 0.5], gradient);
        Assert.True(double.IsFinite(value) && value < -700, $"value {value}");
        Assert.Contains(gradient, g => g != 0 && double.IsFinite(g));
    }

    [Fact]
    public void TheOptimizerFindsTheBestCandidateOnTheGrid()
    {
        var model = GpNumericsTests.SmallModel(out _);
        var acquisition = GpAcquisition.ExpectedImprovement(model, best: 0.5, [], []);
        var space = new GpSpace(new Dictionary<string, Distribution>
        {
            ["a"] = new FloatDistribution(0, 1),
            ["b"] = new CategoricalDistribution(["x", "y", "z"]),
            ["c"] = new FloatDistribution(0, 1),
        });
        var best = AcquisitionOptimizer.Maximize(acquisition, space, 256, 5, [], 7);
        double bestValue = AcquisitionOptimizer.EvaluateMany(acquisition, [best], 3)[0];

        // No point of a dense grid beats it by more than the grid's resolution allows.
        var grid = new List<double[]>();
        for (int i = 0; i <= 40; i++)
        {
            for (int b = 0; b < 3; b++)
            {
                for (int k = 0; k <= 40; k++)
                {
                    grid.Add([i / 40.0, b, k / 40.0]);
                }
            }
        }

        double gridBest = AcquisitionOptimizer.EvaluateMany(acquisition, grid, 3).Max();
        Assert.True(bestValue >= gridBest - 1e-6, $"optimizer {bestValue}, grid {gridBest}");
        Assert.Contains(best[1], new[] { 0.0, 1.0, 2.0 });
    }

    private static GpAcquisition Build(string kind)
    {
        var model = GpNumericsTests.SmallModel(out var categorical);
        var other = GpFit.Build(model.Points.ToArray(), [.. Enumerable.Range(0, model.Count).Select(i => Math.Sin(3 * model.Points[(i * 3) + 2]))], categorical, new GpKernelParams([1.0, 0.3, 3.0], 0.8, 1e-3))!;
        return kind switch
        {
            "ei" => GpAcquisition.ExpectedImprovement(model, 0.8, [], []),
            "ei+constraint" => GpAcquisition.ExpectedImprovement(model, 0.8, [other], [0.1]),
            "ehvi" => GpAcquisition.ExpectedHypervolumeImprovement([model, other], HypervolumeBoxes.Build([[-0.5, 0.2], [0.1, -0.4], [-0.2, -0.1]], [1.0, 1.0]), [], []),
            _ => GpAcquisition.Feasibility([other], [-0.2]),
        };
    }
}
