namespace Astrolabe.Dashboard.Tests.Plots;

public sealed class ParetoFrontPlotTests
{
    [Fact]
    public void TheFrontIsTheNonDominatedTrialsUnderEachDirection()
    {
        StudyDirection[] dirs = [StudyDirection.Minimize, StudyDirection.Maximize];
        var study = Trials.Of(dirs,
            Trials.Make(0, TrialState.Complete, [1, 1]),
            Trials.Make(1, TrialState.Complete, [2, 3]),
            Trials.Make(2, TrialState.Complete, [2, 2]), // dominated by 1
            Trials.Make(3, TrialState.Complete, [1, 1]), // identical to 0: both kept
            Trials.Make(4, TrialState.Pruned, [0, 9]),   // not Complete: not plotted
            Trials.Make(5, TrialState.Complete, [3, 3])); // dominated by 1
        var points = ParetoFrontPlot.Compute(study);
        Assert.Equal([0, 1, 2, 3, 5], points.Select(p => p.Number));
        Assert.Equal([0, 1, 3], points.Where(p => p.OnFront).Select(p => p.Number));
    }

    [Fact]
    public void InfeasibleTrialsAreNeverOnTheFrontAndDrawnApart()
    {
        static Dictionary<string, object?> Constraint(double c) => new() { ["constraints"] = new[] { c } };
        var study = Trials.Of([StudyDirection.Minimize, StudyDirection.Minimize],
            Trials.Make(0, TrialState.Complete, [0, 0], systemAttrs: Constraint(1)), // dominates all, infeasible
            Trials.Make(1, TrialState.Complete, [1, 2], systemAttrs: Constraint(0)),
            Trials.Make(2, TrialState.Complete, [2, 1], systemAttrs: Constraint(-1)),
            Trials.Make(3, TrialState.Complete, [3, 3], systemAttrs: Constraint(0)));
        var points = ParetoFrontPlot.Compute(study);
        Assert.Equal([1, 2], points.Where(p => p.OnFront).Select(p => p.Number));
        Assert.Equal([0], points.Where(p => !p.Feasible).Select(p => p.Number));
        var series = new ParetoFrontPlot().Option(study)["series"]!.AsArray();
        Assert.Equal(["dominated", "front", "infeasible"], series.Select(x => x!["id"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    public void TheFrontMatchesTheCoreDefinitionOnRandomTrials(int objectives, int seed)
    {
        var rng = new Random(seed);
        var dirs = Enumerable.Range(0, objectives).Select(i => i % 2 == 0 ? StudyDirection.Minimize : StudyDirection.Maximize).ToArray();
        var trials = Enumerable.Range(0, 400)
            .Select(i => Trials.Make(i, TrialState.Complete, Enumerable.Range(0, objectives).Select(_ => Math.Round(rng.NextDouble() * 20)).ToArray()))
            .ToArray();
        var expected = ParetoFront.Of(trials, dirs).Select(t => t.Number);
        var actual = ParetoFrontPlot.Compute(Trials.Of(dirs, trials)).Where(p => p.OnFront).Select(p => p.Number);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void TheParetoPlotAppliesOnlyToSeveralObjectives()
    {
        Assert.False(new ParetoFrontPlot().AppliesTo(Trials.Search(3)));
        var option = new ParetoFrontPlot().Option(Trials.Of([StudyDirection.Minimize, StudyDirection.Minimize],
            Trials.Make(0, TrialState.Complete, [1, 2]), Trials.Make(1, TrialState.Complete, [2, 1]), Trials.Make(2, TrialState.Complete, [3, 3])));
        Assert.Equal(2, option["series"]![1]!["data"]!.AsArray().Count);
        Assert.Single(option["series"]![0]!["data"]!.AsArray());
    }
}
