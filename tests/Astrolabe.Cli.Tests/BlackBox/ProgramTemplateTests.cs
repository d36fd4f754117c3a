namespace Astrolabe.Cli.Tests.BlackBox;

public sealed class ProgramTemplateTests : IDisposable
{
    private readonly CliRunner cli = new();

    [Fact]
    public async Task ANulCharacterInAnArgumentOrAChoiceIsRejected()
    {
        string space = cli.File("space.yaml");
        File.WriteAllText(space, "parameters:\n  k: {type: int, low: 1, high: 2}\n");
        var (code, _, error) = await cli.Run("optimize", "--space", space, "--trials", "1", "--storage", cli.Storage, "--", "echo", "a\0b");
        Assert.Equal(CliApp.UsageError, code);
        Assert.Contains("error: Argument 1 of the program holds a NUL character, which no program can receive: arguments cannot contain NUL.", error, StringComparison.Ordinal);

        File.WriteAllText(space, "parameters:\n  t: {type: categorical, choices: [\"a\\0b\"]}\n");
        (code, _, error) = await cli.Run("optimize", "--space", space, "--trials", "1", "--storage", cli.Storage, "--", "echo", "{t}");
        Assert.Equal(CliApp.UsageError, code);
        Assert.Contains("error: Parameter 't' has a choice with a NUL character, which no program argument or environment variable can carry.", error, StringComparison.Ordinal);
        Assert.False(File.Exists(cli.Db));
    }

    [Fact]
    public async Task AnUnknownOptionIsNotTakenForTheProgram()
    {
        string space = cli.File("space.yaml");
        File.WriteAllText(space, "parameters:\n  k: {type: int, low: 1, high: 2}\n");
        var (code, _, error) = await cli.Run("optimize", "--space", space, "--trials", "1", "--trails", "5", "--storage", cli.Storage, "--", "echo", "1");
        Assert.Equal(CliApp.UsageError, code);
        Assert.Contains("error: Unrecognized option '--trails' (the program to run goes after '--').", error, StringComparison.Ordinal);
        Assert.False(File.Exists(cli.Db));
    }

    public void Dispose() => cli.Dispose();
}
