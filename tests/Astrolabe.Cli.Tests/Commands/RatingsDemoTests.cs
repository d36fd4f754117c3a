namespace Astrolabe.Cli.Tests.Commands;

/// <summary><c>astrolabe demo --dataset insteval</c>: a tiny recommendation search end to end, resuming, and refused options.</summary>
public sealed class RatingsDemoTests : IDisposable
{
    private readonly CliRunner cli = new();

    [Fact]
    public async Task ATinySearchPrintsTheLeaderboardTheTestScoresAndTheBaselinesAndResumes()
    {
        var (code, output, error) = await cli.Run("demo", "--dataset", "insteval", "--trials", "3", "--max-epochs", "1", "--seed", "1", "--storage", cli.Storage);
        Assert.True(code == 0, error + output);
        Assert.Contains("Recommendation search on insteval: 61235 train / 6093 validation / 6093 test ratings of 1128 items by 2972 users", output, StringComparison.Ordinal);
        Assert.Contains("Study 'demo-insteval': 3 trials", output, StringComparison.Ordinal);
        Assert.Contains("Leaderboard", output, StringComparison.Ordinal);
        Assert.Matches(@"Best trial #\d+: validation RMSE 1\.\d{4} \((mf|neumf|twotower)\)", output);
        Assert.Matches(@"Test of the final model \(6093 ratings .*\): RMSE 1\.\d{4}, MAE \d\.\d{4}\.", output);
        Assert.Matches(@"HR@10 0\.\d{4}, NDCG@10 0\.\d{4}\.", output);
        Assert.Contains("user + item biases (ALS)    test RMSE 1.2092", output, StringComparison.Ordinal);
        Assert.Contains("popularity ranking          HR@10 0.4360, NDCG@10 0.2266", output, StringComparison.Ordinal);

        (code, output, error) = await cli.Run("demo", "--dataset", "insteval", "--trials", "4", "--max-epochs", "1", "--seed", "1", "--storage", cli.Storage);
        Assert.True(code == 0, error + output);
        Assert.Contains("Resuming: the study already holds 3 complete or pruned trials; running 1 more.", output, StringComparison.Ordinal);
        Assert.Contains("Study 'demo-insteval': 4 trials", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--model-out", "m.model", "does not save its model")]
    [InlineData("--objectives", "rmse,bytes", "has one objective, validation RMSE")]
    [InlineData("--max-epochs", "0", "--max-epochs")]
    [InlineData("--families", "mf", "--families and --subsample are not available for the ratings dataset 'insteval'")]
    public async Task OptionsTheRecommendationSearchCannotUseAreRefused(string option, string value, string expected)
    {
        var (code, _, error) = await cli.Run("demo", "--dataset", "insteval", option, value, "--storage", cli.Storage);
        Assert.Equal(CliApp.UsageError, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownDatasetIsStillRefused()
    {
        var (code, _, error) = await cli.Run("demo", "--dataset", "movielens", "--storage", cli.Storage);
        Assert.Equal(CliApp.UsageError, code);
        Assert.Contains("Unknown dataset 'movielens'", error, StringComparison.Ordinal);
    }

    public void Dispose() => cli.Dispose();
}
