namespace Astrolabe.Cli.Tests.Commands;

/// <summary><c>astrolabe demo --objectives</c>: a small multi-objective model search, its front, the pick rule, bad input.</summary>
public sealed class MultiObjectiveDemoTests : IDisposable
{
    private readonly CliRunner cli = new();

    public void Dispose() => cli.Dispose();

    [Fact]
    public async Task PrintsTheFrontAndRetrainsThePickedModel()
    {
        string model = cli.File("small.model");
        var (code, output, error) = await cli.Run("demo", "--dataset", "digits", "--objectives", "accuracy,bytes,latency", "--pick", "bytes<=1e9",
            "--trials", "6", "--max-epochs", "2", "--seed", "3", "--storage", cli.Storage, "--model-out", model);
        Assert.True(code == 0, error + output);
        Assert.Contains("objectives accuracy, bytes, latency (maximize, minimize, minimize); sampler MOTPE; study 'demo-digits-accuracy-bytes-latency'", output, StringComparison.Ordinal);
        Assert.Contains("Pareto front (accuracy, bytes, latency)", output, StringComparison.Ordinal);
        Assert.Matches(@"Chosen: trial #\d+, the most accurate on the front with bytes<=1e9\.", output);
        Assert.Matches(@"Test accuracy of the final model: \d+\.\d\d %", output);
        Assert.True(File.Exists(model));

        using var storage = new SqliteStorage(cli.Db);
        var study = Study.Load("demo-digits-accuracy-bytes-latency", storage);
        Assert.Equal(3, study.Directions.Count);
        var front = study.BestTrials;
        Assert.NotEmpty(front);
        Assert.All(front, t =>
        {
            Assert.Equal(Convert.ToDouble(t.UserAttrs["bytes"], System.Globalization.CultureInfo.InvariantCulture), t.Values![1]);
            Assert.True(t.Values![2] > 0);
            Assert.NotEmpty(t.IntermediateVectors);
        });
    }

    [Fact]
    public async Task APickRuleNoModelSatisfiesIsReportedWithoutAModel()
    {
        string model = cli.File("none.model");
        var (code, _, error) = await cli.Run("demo", "--dataset", "digits", "--objectives", "accuracy,bytes", "--pick", "bytes<1",
            "--trials", "2", "--max-epochs", "1", "--storage", cli.Storage, "--model-out", model);
        Assert.Equal(1, code);
        Assert.Contains("No model on the front satisfies --pick bytes<1.", error, StringComparison.Ordinal);
        Assert.False(File.Exists(model));
    }

    [Theory]
    [InlineData("accuracy,bytes", "latency<=5", "--pick names 'latency', which is not one of the objectives (accuracy, bytes).")]
    [InlineData("accuracy,size", null, "Unknown objective 'size' in --objectives")]
    [InlineData("bytes,accuracy", null, "--objectives must start with the score")]
    [InlineData("accuracy,bytes,bytes", null, "names an objective twice")]
    [InlineData("accuracy,bytes", "bytes=5", "is not a rule like bytes<=50000")]
    public async Task BadObjectivesOrPickRulesAreReportedBeforeAnythingRuns(string objectives, string? pick, string message)
    {
        var args = new List<string> { "demo", "--dataset", "digits", "--objectives", objectives, "--trials", "2", "--storage", cli.Storage };
        if (pick is not null)
        {
            args.AddRange(["--pick", pick]);
        }

        var (code, _, error) = await cli.Run([.. args]);
        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.False(File.Exists(cli.Db) && new SqliteStorage(cli.Db).GetAllStudies().Count > 0);
    }
}
