using Astrolabe.Cli;
using Astrolabe.Dashboard.Tests.Browser;

namespace Astrolabe.Dashboard.Tests.Cli;

public sealed class CommandsTests : IDisposable
{
    private readonly TempDb db = new();

    public CommandsTests()
    {
        using var storage = new SqliteStorage(db.Path);
        TempDb.Fill(storage, "demo", complete: 10);
    }

    public void Dispose() => db.Dispose();

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args) => await Run(default, args);

    private static async Task<(int Code, string Out, string Err)> Run(CancellationToken ct, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = await CliApp.RunAsync(args, stdout, stderr, ct);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task ReportWritesOneHtmlFile()
    {
        string file = db.File("r.html");
        var (code, _, err) = await Run("report", "--storage", db.Url, "--study", "demo", "--out", file);
        Assert.True(code == 0, err);
        Assert.Contains("Wrote the report of 'demo' (14 trials, 9 plots)", err, StringComparison.Ordinal);
        Assert.Contains("id=\"plot-history\"", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "plot", "shap", "--study", "demo", "--out", "x.svg" }, "Argument 'shap' not recognized")]
    [InlineData(new[] { "plot", "history", "--study", "demo", "--out", "x.gif" }, "Cannot write a plot as '.gif': use a file ending in .svg, .png or .html.")]
    [InlineData(new[] { "plot", "pareto", "--study", "demo", "--out", "x.html" }, "The pareto plot does not apply to study 'demo' (it needs several objectives).")]
    [InlineData(new[] { "report", "--study", "nope", "--out", "x.html" }, "nope")]
    [InlineData(new[] { "dashboard", "--port", "70000" }, "The port must be in [0, 65535], got 70000.")]
    public async Task WrongArgumentsExitWithAMessage(string[] args, string message)
    {
        var (code, _, err) = await Run([.. args, "--storage", db.Url]);
        Assert.Equal(CliApp.UsageError, code);
        Assert.Contains(message, err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingStorageFileIsNotCreated()
    {
        string missing = db.File("missing.db");
        var (code, _, err) = await Run("report", "--storage", $"sqlite:{missing}", "--study", "demo", "--out", db.File("r.html"));
        Assert.Equal(CliApp.UsageError, code);
        Assert.Contains($"The storage file '{missing}' does not exist.", err, StringComparison.Ordinal);
        Assert.False(File.Exists(missing));
    }

    [Fact]
    public async Task PlotWritesHtmlWithoutChromium()
    {
        string file = db.File("history.html");
        var (code, _, err) = await Run("plot", "history", "--storage", db.Url, "--study", "demo", "--out", file);
        Assert.True(code == 0, err);
        Assert.Contains("astrolabeDraw(", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("importance")]
    [InlineData("rank")]
    public async Task PlotWritesTheImportanceAndRankPlots(string kind)
    {
        string file = db.File(kind + ".html");
        var (code, _, err) = await Run("plot", kind, "--storage", db.Url, "--study", "demo", "--out", file);
        Assert.True(code == 0, err);
        Assert.Contains($"astrolabeDraw(", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheHypervolumePlotTakesAReferencePointInTheObjectivesDirections()
    {
        using (var storage = new SqliteStorage(db.Path))
        {
            var study = Study.Create(new StudyOptions
            {
                Storage = storage,
                StudyName = "two",
                Directions = [StudyDirection.Minimize, StudyDirection.Maximize],
                Sampler = new NsgaIISampler(new NsgaIISamplerOptions { Seed = 1, PopulationSize = 4 }),
            });
            study.Optimize(t => { double x = t.SuggestFloat("x", 0, 1); return [x, x * x]; }, nTrials: 12);
        }

        string file = db.File("hv.html");
        var (code, _, err) = await Run("plot", "hypervolume", "--storage", db.Url, "--study", "two", "--out", file, "--reference-point", "2, -1");
        Assert.True(code == 0, err);
        Assert.Contains("the reference point (2, -1)", await File.ReadAllTextAsync(file), StringComparison.Ordinal);

        (code, _, err) = await Run("plot", "hypervolume", "--storage", db.Url, "--study", "two", "--out", file, "--reference-point", "2");
        Assert.Equal(CliApp.UsageError, code);
        Assert.Contains("--reference-point has 1 values; study 'two' has 2 objectives.", err, StringComparison.Ordinal);
        (code, _, err) = await Run("plot", "hypervolume", "--storage", db.Url, "--study", "two", "--out", file, "--reference-point", "2,x");
        Assert.Contains("'x' is not a finite number", err, StringComparison.Ordinal);
        (code, _, err) = await Run("plot", "history", "--storage", db.Url, "--study", "demo", "--out", file, "--reference-point", "1");
        Assert.Contains("--reference-point applies to the hypervolume plot only, not to history.", err, StringComparison.Ordinal);
    }

    [ChromiumFact]
    public async Task PlotWritesSvgAndPngDrawnByECharts()
    {
        string svg = db.File("history.svg"), png = db.File("timeline.png");
        var (code, _, err) = await Run("plot", "history", "--storage", db.Url, "--study", "demo", "--out", svg);
        Assert.True(code == 0, err);
        string text = await File.ReadAllTextAsync(svg);
        Assert.StartsWith("<svg", text, StringComparison.Ordinal);
        Assert.Contains("Optimization history", text, StringComparison.Ordinal);
        (code, _, err) = await Run("plot", "timeline", "--storage", db.Url, "--study", "demo", "--out", png, "--width", "800", "--height", "500");
        Assert.True(code == 0, err);
        byte[] bytes = await File.ReadAllBytesAsync(png);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        File.Copy(svg, Path.Combine(HeadlessBrowser.Artifacts, "plot-history.svg"), overwrite: true);
        File.Copy(png, Path.Combine(HeadlessBrowser.Artifacts, "plot-timeline.png"), overwrite: true);
    }

    [Fact]
    public async Task TheDashboardWarnsWhenBoundBeyondThisMachineAndStopsOnCancel()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        var (code, output, err) = await Run(cts.Token, "dashboard", "--storage", db.Url, "--host", "0.0.0.0", "--port", "0");
        Assert.True(code == 0, err);
        Assert.Contains("warning: listening on 0.0.0.0", err, StringComparison.Ordinal);
        Assert.Matches(@"Dashboard on http://127\.0\.0\.1:\d+/ \(read-only\)", output);
        Assert.Contains("Stopped.", output, StringComparison.Ordinal);

        using var quiet = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        (code, _, err) = await Run(quiet.Token, "dashboard", "--storage", db.Url, "--port", "0");
        Assert.Equal(0, code);
        Assert.DoesNotContain("warning", err, StringComparison.Ordinal);
    }
}
