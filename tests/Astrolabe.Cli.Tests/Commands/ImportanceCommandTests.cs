using System.Text.Json;

namespace Astrolabe.Cli.Tests.Commands;

public sealed class ImportanceCommandTests : IDisposable
{
    private readonly CliRunner cli = new();

    private void Seed(string name = "s", int trials = 60, bool twoObjectives = false)
    {
        using var storage = new SqliteStorage(cli.Db);
        var options = new StudyOptions { StudyName = name, Storage = storage, Sampler = new RandomSampler(new RandomSamplerOptions { Seed = 2 }) };
        if (twoObjectives)
        {
            options = options with { Directions = [StudyDirection.Minimize, StudyDirection.Minimize] };
        }

        var study = Study.Create(options);
        for (int i = 0; i < trials; i++)
        {
            var trial = study.Ask();
            double x = trial.SuggestFloat("x", 0, 1), y = trial.SuggestFloat("y", 0, 1);
            trial.SetUserAttr("loss", y * 2);
            if (twoObjectives)
            {
                study.Tell(trial, [x, y]);
            }
            else
            {
                study.Tell(trial, (10 * x) + (0.1 * y));
            }
        }
    }

    private static Dictionary<string, double> Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
        return doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
    }

    [Theory]
    [InlineData("fanova")]
    [InlineData("ped-anova")]
    [InlineData("mdi")]
    public async Task JsonIsOneObjectOfImportancesSummingToOneSortedDescending(string method)
    {
        Seed();
        var (code, output, err) = await cli.Run("importance", "--study", "s", "--method", method, "--format", "json", "--storage", cli.Storage);
        Assert.True(code == 0, err);
        var importances = Parse(output);
        Assert.Equal(["x", "y"], importances.Keys);
        Assert.Equal(1, importances.Values.Sum(), 9);
        Assert.True(importances["x"] >= importances["y"]);
    }

    [Fact]
    public async Task TheTableListsEveryParameterAndTheSameSeedGivesTheSameJson()
    {
        Seed();
        var table = await cli.Run("importance", "--study", "s", "--storage", cli.Storage);
        Assert.Equal(0, table.Code);
        Assert.Contains("x", table.Out, StringComparison.Ordinal);
        Assert.Contains("importance", table.Out, StringComparison.Ordinal);
        var first = await cli.Run("importance", "--study", "s", "--format", "json", "--seed", "3", "--storage", cli.Storage);
        var second = await cli.Run("importance", "--study", "s", "--format", "json", "--seed", "3", "--storage", cli.Storage);
        Assert.Equal(first.Out, second.Out);
    }

    [Fact]
    public async Task TargetsPickAnObjectiveOrAUserAttribute()
    {
        Seed(twoObjectives: true);
        var none = await cli.Run("importance", "--study", "s", "--storage", cli.Storage);
        Assert.Equal(CliApp.UsageError, none.Code);
        Assert.Contains("has 2 objectives: choose the one to explain with --target values[i]", none.Err, StringComparison.Ordinal);
        foreach (var (target, top) in new[] { ("values[0]", "x"), ("objective:1", "y"), ("1", "y"), ("user_attrs.loss", "y"), ("attr:loss", "y") })
        {
            var (code, output, err) = await cli.Run("importance", "--study", "s", "--target", target, "--format", "json", "--storage", cli.Storage);
            Assert.True(code == 0, err);
            Assert.Equal(top, Parse(output).Keys.First());
        }
    }

    [Fact]
    public async Task ParamsPickASubset()
    {
        Seed();
        var (code, output, _) = await cli.Run("importance", "--study", "s", "--params", "y", "--format", "json", "--storage", cli.Storage);
        Assert.Equal(0, code);
        Assert.Equal(new Dictionary<string, double> { ["y"] = 1.0 }, Parse(output));
    }

    [Theory]
    [InlineData("--method|shap", "shap")]
    [InlineData("--params|x,nope", "No Complete trial has a parameter 'nope'")]
    [InlineData("--target|values[x]", "Unknown --target 'values[x]'")]
    [InlineData("--target|values[3]", "there is no objective 3")]
    [InlineData("--target|attr:missing", "no numeric user attribute 'missing'")]
    [InlineData("--format|xml", "xml")]
    public async Task BadArgumentsAreOneClearError(string option, string message)
    {
        Seed();
        var args = new List<string> { "importance", "--study", "s", "--storage", cli.Storage };
        args.AddRange(option.Split('|'));
        var (code, output, err) = await cli.Run([.. args]);
        Assert.Equal(CliApp.UsageError, code);
        Assert.Contains(message, err, StringComparison.Ordinal);
        Assert.Equal("", output);
    }

    [Fact]
    public async Task TooFewTrialsOrAnUnknownStudyIsAnError()
    {
        Seed(trials: 1);
        var few = await cli.Run("importance", "--study", "s", "--storage", cli.Storage);
        Assert.Equal(CliApp.UsageError, few.Code);
        Assert.Contains("at least 2 Complete trials; there is 1", few.Err, StringComparison.Ordinal);
        var unknown = await cli.Run("importance", "--study", "nope", "--storage", cli.Storage);
        Assert.Equal(CliApp.UsageError, unknown.Code);
        Assert.Contains("nope", unknown.Err, StringComparison.Ordinal);
    }

    public void Dispose() => cli.Dispose();
}
