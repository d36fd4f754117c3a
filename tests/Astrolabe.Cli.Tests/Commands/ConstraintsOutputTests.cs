namespace Astrolabe.Cli.Tests.Commands;

/// <summary>How <c>best</c>, <c>trials</c> and <c>export</c> treat trials with constraint values.</summary>
public sealed class ConstraintsOutputTests : IDisposable
{
    private readonly CliRunner cli = new();

    public void Dispose() => cli.Dispose();

    private void Seed(string name, StudyDirection[] directions, params (double[] Values, double Constraint)[] trials)
    {
        using var storage = new SqliteStorage(cli.Db);
        var study = Study.Create(new StudyOptions { StudyName = name, Storage = storage, Directions = directions });
        foreach (var (values, constraint) in trials)
        {
            var trial = study.Ask();
            trial.SuggestFloat("x", 0, 10);
            trial.SetConstraints([constraint]);
            study.Tell(trial, values);
        }
    }

    [Fact]
    public async Task BestTrialsAndExportRespectFeasibility()
    {
        Seed("c", [StudyDirection.Minimize], ([1.0], 0.5), ([2.0], 0.0), ([3.0], -1.0));
        var best = await cli.Run("best", "--study", "c", "--storage", cli.Storage);
        Assert.True(best.Code == 0, best.Err);
        Assert.Contains("Best trial: #1", best.Out, StringComparison.Ordinal);
        var trials = await cli.Run("trials", "--study", "c", "--storage", cli.Storage);
        Assert.Contains("feasible", trials.Out, StringComparison.Ordinal);
        Assert.Contains("no", trials.Out, StringComparison.Ordinal);
        var csv = (await cli.Run("export", "--study", "c", "--storage", cli.Storage)).Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith(",constraints,feasible", csv[0].TrimEnd(), StringComparison.Ordinal);
        Assert.EndsWith(",[0.5],False", csv[1].TrimEnd(), StringComparison.Ordinal);
        Assert.EndsWith(",[-1.0],True", csv[3].TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheFrontOfSeveralObjectivesIsTheFeasibleOne()
    {
        Seed("mo", [StudyDirection.Minimize, StudyDirection.Minimize], ([0.0, 0.0], 1.0), ([1.0, 2.0], 0.0), ([2.0, 1.0], 0.0));
        var best = await cli.Run("best", "--study", "mo", "--storage", cli.Storage);
        Assert.True(best.Code == 0, best.Err);
        Assert.Contains("Pareto front: 2 trials (feasible ones only; 1 of 3 complete trials violate a constraint).", best.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoFeasibleTrialIsAClearError()
    {
        Seed("none", [StudyDirection.Minimize], ([1.0], 1.0));
        var best = await cli.Run("best", "--study", "none", "--storage", cli.Storage);
        Assert.Equal(2, best.Code);
        Assert.Contains("no feasible complete trial", best.Err, StringComparison.Ordinal);
    }
}
