using System.Text.Json;

namespace Astrolabe.Cli.Tests.Commands;

public sealed class StudyCommandsTests : IDisposable
{
    private readonly CliRunner cli = new();

    private async Task Seed()
    {
        using var storage = new SqliteStorage(cli.Db);
        var study = Study.Create(new StudyOptions { StudyName = "s1", Storage = storage, Sampler = new RandomSampler(new RandomSamplerOptions { Seed = 1 }) });
        study.Optimize(t => t.SuggestFloat("x", 0, 1) + (t.SuggestCategorical("act", ["relu", "tanh, \"quoted\""]) == "relu" ? 0 : 1), nTrials: 4);
        var failed = study.Ask();
        study.Tell(failed, double.NaN);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task CreateListAndDeleteStudies()
    {
        Assert.Equal(0, (await cli.Run("create-study", "--study", "a", "--storage", cli.Storage)).Code);
        Assert.Equal(0, (await cli.Run("create-study", "--study", "b", "--direction", "maximize", "minimize", "--storage", cli.Storage)).Code);
        var dup = await cli.Run("create-study", "--study", "a", "--storage", cli.Storage);
        Assert.Equal(2, dup.Code);
        Assert.Contains("'a' already exists", dup.Err, StringComparison.Ordinal);
        Assert.Equal(0, (await cli.Run("create-study", "--study", "a", "--skip-if-exists", "--storage", cli.Storage)).Code);
        var list = await cli.Run("studies", "--storage", cli.Storage);
        Assert.Contains("maximize,minimize", list.Out, StringComparison.Ordinal);
        Assert.Equal(0, (await cli.Run("delete-study", "--study", "a", "--storage", cli.Storage)).Code);
        list = await cli.Run("studies", "--storage", cli.Storage);
        Assert.DoesNotContain(" a ", list.Out, StringComparison.Ordinal);
        var missing = await cli.Run("delete-study", "--study", "a", "--storage", cli.Storage);
        Assert.Equal(2, missing.Code);
        Assert.Contains("No study named 'a'", missing.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrialsAndBestShowTheStudy()
    {
        await Seed();
        var trials = await cli.Run("trials", "--study", "s1", "--storage", cli.Storage);
        Assert.Equal(0, trials.Code);
        Assert.Contains("fail", trials.Out, StringComparison.Ordinal);
        var complete = await cli.Run("trials", "--study", "s1", "--state", "complete", "--storage", cli.Storage);
        Assert.DoesNotContain("fail", complete.Out, StringComparison.Ordinal);
        var best = await cli.Run("best", "--study", "s1", "--storage", cli.Storage);
        Assert.Equal(0, best.Code);
        Assert.Matches(@"Best trial: #\d", best.Out);
        Assert.Contains("x = ", best.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportWritesCsvAndJson()
    {
        await Seed();
        var csv = await cli.Run("export", "--study", "s1", "--storage", cli.Storage);
        var lines = csv.Out.TrimEnd().Split('\n');
        Assert.Equal("number,state,value,datetime_start,datetime_complete,duration_s,cpu_s,flops,energy_j,co2e_g,params_x,params_act", lines[0].TrimEnd());
        Assert.Equal(6, lines.Length);
        Assert.StartsWith("4,FAIL,,", lines[5], StringComparison.Ordinal);
        Assert.Contains(csv.Out, s => s == '"');
        string path = cli.File("trials.json");
        var json = await cli.Run("export", "--study", "s1", "--format", "json", "--out", path, "--storage", cli.Storage);
        Assert.Equal(0, json.Code);
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        Assert.Equal(5, doc.RootElement.GetArrayLength());
        var first = doc.RootElement[0];
        Assert.Equal("COMPLETE", first.GetProperty("state").GetString());
        Assert.Equal("float", first.GetProperty("distributions").GetProperty("x").GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Null, doc.RootElement[4].GetProperty("values").ValueKind);
    }

    [Fact]
    public async Task HelpIsAvailableEverywhere()
    {
        foreach (var args in new[] { new[] { "--help" }, ["demo", "--help"], ["export", "--help"], ["create-study", "--help"] })
        {
            var (code, output, _) = await cli.Run(args);
            Assert.Equal(0, code);
            Assert.Contains("Usage:", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task BadStoragesAndCommandsAreClearErrors()
    {
        File.WriteAllText(cli.Db, new string('x', 4096));
        var corrupt = await cli.Run("studies", "--storage", cli.Storage);
        Assert.Equal(2, corrupt.Code);
        Assert.Contains($"'{cli.Db}' is not a SQLite database (or is corrupt)", corrupt.Err, StringComparison.Ordinal);
        var unknown = await cli.Run("studies", "--storage", "oracle://db");
        Assert.Equal(2, unknown.Code);
        Assert.Contains("Unknown storage 'oracle://db'", unknown.Err, StringComparison.Ordinal);
        var verb = await cli.Run("frobnicate");
        Assert.Equal(2, verb.Code);
        Assert.Contains("Unrecognized command or argument 'frobnicate'", verb.Err, StringComparison.Ordinal);
        var format = await cli.Run("export", "--study", "x", "--format", "xml");
        Assert.Equal(2, format.Code);
        Assert.Contains("'xml' not recognized", format.Err, StringComparison.Ordinal);
    }

    public void Dispose() => cli.Dispose();
}
