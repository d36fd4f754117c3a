namespace Astrolabe.Cli.Tests.Commands;

public sealed class TextDemoTests : IDisposable
{
    private readonly CliRunner cli = new();

    public void Dispose() => cli.Dispose();

    [Fact]
    public async Task TheAustenDemoSearchesRetrainsTestsAndResumes()
    {
        string[] quick = ["demo", "--dataset", "austen", "--families", "bag", "--max-epochs", "2", "--subsample", "400", "--seed", "1", "--storage", cli.Storage];
        var (code, output, error) = await cli.Run([.. quick, "--trials", "2"]);
        Assert.True(code == 0, error + output);
        Assert.Contains("Text-model search on austen (6 classes", output, StringComparison.Ordinal);
        Assert.Contains("families: bag;", output, StringComparison.Ordinal);
        Assert.Contains("Study 'demo-austen': 2 trials", output, StringComparison.Ordinal);
        Assert.Contains("Leaderboard", output, StringComparison.Ordinal);
        Assert.Matches(@"Test accuracy of the final model: \d+\.\d\d %, macro-F1 [01]\.\d{4}", output);
        Assert.Contains("The text model is not saved", output, StringComparison.Ordinal);

        (code, output, error) = await cli.Run([.. quick, "--trials", "3"]);
        Assert.True(code == 0, error + output);
        Assert.Contains("Resuming: the study already holds 2 complete or pruned trials; running 1 more.", output, StringComparison.Ordinal);
        Assert.Contains("Study 'demo-austen': 3 trials", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Unknown text family 'rnn' in --families; known: bag, textcnn, gru, lstm, transformer.", "--dataset", "austen", "--families", "rnn")]
    [InlineData("--subsample is for text datasets (austen); 'iris' is not one.", "--dataset", "iris", "--subsample", "10")]
    [InlineData("--model-out is not available for the text dataset 'austen'", "--dataset", "austen", "--model-out", "x.model")]
    [InlineData("--objectives is not available for the text dataset 'austen'", "--dataset", "austen", "--objectives", "accuracy,bytes")]
    [InlineData("--subsample must be at least 1, got 0.", "--dataset", "austen", "--subsample", "0")]
    public async Task WrongArgumentsExitWithTwoAndAMessage(string message, params string[] args)
    {
        var (code, _, error) = await cli.Run(["demo", .. args, "--storage", cli.Storage]);
        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }
}
