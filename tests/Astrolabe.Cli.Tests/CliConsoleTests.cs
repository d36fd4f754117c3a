namespace Astrolabe.Cli.Tests;

public sealed class CliConsoleTests : IDisposable
{
    private readonly CliRunner cli = new();

    [Fact]
    public async Task NoEscapeSequenceIsWrittenWhenTheOutputIsNotATerminal()
    {
        // As `astrolabe optimize … | tee log` typed at a terminal: the input is the terminal, the output a pipe.
        string space = cli.File("space.yaml");
        File.WriteAllText(space, "parameters:\n  k: {type: int, low: 1, high: 2}\n");
        string terminal = cli.File("terminal.bin");
        var (code, output, _) = await CliProcess.Run([Path.Combine(AppContext.BaseDirectory, "BlackBox", "Scripts", "on_terminal.py"), terminal,
            "dotnet", Path.Combine(AppContext.BaseDirectory, "Astrolabe.Cli.dll"), "optimize", "--space", space, "--trials", "3", "--storage", cli.Storage, "--", "echo", "1"],
            program: "python3");
        Assert.True(code == 0, output);
        Assert.Contains("Leaderboard", output, StringComparison.Ordinal);
        Assert.DoesNotContain('\x1B', output);
        Assert.Equal("", System.Text.Encoding.Latin1.GetString(await File.ReadAllBytesAsync(terminal)));
    }

    public void Dispose() => cli.Dispose();
}
