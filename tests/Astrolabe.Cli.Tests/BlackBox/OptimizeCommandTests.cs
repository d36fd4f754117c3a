using System.Text.Json;

namespace Astrolabe.Cli.Tests.BlackBox;

/// <summary>End to end: real bash and Python programs tuned through <c>astrolabe optimize</c>.</summary>
public sealed class OptimizeCommandTests : IDisposable
{
    private static readonly string Scripts = Path.Combine(AppContext.BaseDirectory, "BlackBox", "Scripts");
    private readonly CliRunner cli = new();

    private string Space(string yaml)
    {
        string path = cli.File($"space{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    private static string Script(string name) => Path.Combine(Scripts, name);

    private IReadOnlyList<FrozenTrial> Trials(string study)
    {
        using var storage = new SqliteStorage(cli.Db);
        return Study.Load(study, storage).Trials;
    }

    [Fact]
    public async Task APythonProgramIsTunedThroughPlaceholdersEnvironmentAndFile()
    {
        string space = Space("""
            direction: minimize
            sampler: {type: tpe, seed: 3, n_startup_trials: 4}
            parameters:
              x: {type: float, low: -5, high: 5}
              layers: {type: int, low: 1, high: 6}
            """);
        var (code, output, error) = await cli.Run("optimize", "--space", space, "--study", "py", "--trials", "12", "--jobs", "3", "--storage", cli.Storage,
            "--", "python3", Script("quadratic.py"), "--x", "{x}", "--layers", "{layers}");
        Assert.True(code == 0, error + output);
        var trials = Trials("py");
        Assert.Equal(12, trials.Count);
        Assert.All(trials, t =>
        {
            Assert.Equal(TrialState.Complete, t.State);
            double x = (double)t.Params["x"]!;
            long layers = (long)t.Params["layers"]!;
            Assert.Equal(((x - 2) * (x - 2)) + ((layers - 3) * (layers - 3)), t.Value!.Value, 9);
        });
        Assert.Contains("Leaderboard", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CrashesTimeoutsAndSilentProgramsFailTheirTrialAndTheStudyGoesOn()
    {
        string space = Space("parameters:\n  k: {type: int, low: 1, high: 3}\n");
        Assert.Equal(CliApp.NoTrialCompleted, (await cli.Run("optimize", "--space", space, "--study", "crash", "--trials", "2", "--storage", cli.Storage, "--", "bash", Script("crash.sh"), "{k}")).Code);
        Assert.Equal(CliApp.NoTrialCompleted, (await cli.Run("optimize", "--space", space, "--study", "slow", "--trials", "2", "--trial-timeout", "0.5", "--storage", cli.Storage, "--", "bash", Script("sleep.sh"))).Code);
        Assert.Equal(CliApp.NoTrialCompleted, (await cli.Run("optimize", "--space", space, "--study", "silent", "--trials", "2", "--storage", cli.Storage, "--", "bash", Script("silent.sh"))).Code);
        Assert.Equal(CliApp.NoTrialCompleted, (await cli.Run("optimize", "--space", space, "--study", "missing", "--trials", "1", "--storage", cli.Storage, "--", "no-such-program-xyz")).Code);
        foreach (var (study, reason) in new[]
        {
            ("crash", "exited with code 3. stderr: loading data"),
            ("slow", "Timed out after 0.5 s."),
            ("silent", "printed no value"),
            ("missing", "Could not start 'no-such-program-xyz'"),
        })
        {
            var trials = Trials(study);
            Assert.NotEmpty(trials);
            Assert.All(trials, t =>
            {
                Assert.Equal(TrialState.Fail, t.State);
                Assert.Contains(reason, (string)t.SystemAttrs[SystemAttrKeys.FailReason]!, StringComparison.Ordinal);
            });
        }

        Assert.Contains("out of memory in layer", (string)Trials("crash")[0].SystemAttrs[SystemAttrKeys.FailReason]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IntermediateReportsAreStoredAndThePrunerStopsTheProgram()
    {
        string space = Space("""
            sampler: {type: random, seed: 1}
            pruner: {type: threshold, upper: 1.0, n_warmup_steps: 5}
            parameters:
              lr: {type: float, low: 0.0, high: 3.0}
            """);
        var (code, _, error) = await cli.Run("optimize", "--space", space, "--study", "curve", "--trials", "6", "--storage", cli.Storage, "--", "python3", Script("curve.py"), "{lr}");
        Assert.True(code == 0, error);
        var trials = Trials("curve");
        Assert.Equal(6, trials.Count);
        foreach (var t in trials)
        {
            double final = Math.Abs((double)t.Params["lr"]! - 0.3);
            if (final + (1.0 / 6) > 1.0)
            {
                // After 5 warm-up steps the threshold pruner stops a curve whose value exceeds 1.0; the
                // value at step 5 is final + 1/6, so these curves never finish.
                Assert.Equal(TrialState.Pruned, t.State);
                Assert.Equal(6, t.IntermediateValues.Count);
            }
            else
            {
                Assert.Equal(TrialState.Complete, t.State);
                Assert.Equal(10, t.IntermediateValues.Count);
                Assert.Equal(final, t.Value!.Value, 9);
            }
        }
    }

    [Fact]
    public async Task ValuesWithSpacesQuotesAndSemicolonsArePassedLiterally()
    {
        string record = cli.File("argv.jsonl");
        string marker = cli.File("pwned");
        string space = Space($$"""
            sampler: bruteforce
            parameters:
              text: {type: categorical, choices: ['two words', 'it''s "quoted"', '; touch {{marker}}', '$(touch {{marker}})', '--flag=x y']}
            """);
        var (code, _, error) = await cli.Run("optimize", "--space", space, "--study", "lit", "--trials", "5", "--storage", cli.Storage,
            "--", "python3", Script("record.py"), record, "{text}", "--name={text}");
        Assert.True(code == 0, error);
        Assert.False(File.Exists(marker));
        var seen = File.ReadAllLines(record).Select(l => JsonSerializer.Deserialize<string[]>(l)!).ToList();
        Assert.Equal(5, seen.Count);
        var expected = new[] { "two words", "it's \"quoted\"", $"; touch {marker}", $"$(touch {marker})", "--flag=x y" };
        Assert.Equal(expected.Order(StringComparer.Ordinal), seen.Select(a => a[0]).Order(StringComparer.Ordinal));
        Assert.All(seen, a => Assert.Equal("--name=" + a[0], a[1]));
    }

    [Fact]
    public async Task ConditionalParametersDropTheirArgumentsWhenInactive()
    {
        string record = cli.File("cond.jsonl");
        string space = Space("""
            sampler: bruteforce
            parameters:
              opt: {type: categorical, choices: [adam, sgd]}
              momentum: {type: float, low: 0.5, high: 0.9, step: 0.4, when: {opt: sgd}}
            """);
        var (code, _, error) = await cli.Run("optimize", "--space", space, "--study", "cond", "--trials", "10", "--storage", cli.Storage,
            "--", "python3", Script("record.py"), record, "--opt={opt}", "--momentum={momentum}");
        Assert.True(code == 0, error);
        var seen = File.ReadAllLines(record).Select(l => string.Join(" ", JsonSerializer.Deserialize<string[]>(l)!)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["--opt=adam", "--opt=sgd --momentum=0.5", "--opt=sgd --momentum=0.9"], seen);
    }

    [Fact]
    public async Task AskAndTellDriveTheLoopFromOutside()
    {
        string space = Space("direction: maximize\nparameters:\n  x: {type: float, low: 0, high: 1}\n");
        var asked = await cli.Run("ask", "--space", space, "--study", "manual", "--storage", cli.Storage);
        Assert.True(asked.Code == 0, asked.Err);
        using var doc = JsonDocument.Parse(asked.Out);
        int number = doc.RootElement.GetProperty("trial").GetInt32();
        double x = doc.RootElement.GetProperty("params").GetProperty("x").GetDouble();
        var told = await cli.Run("tell", "--study", "manual", "--trial", number.ToString(System.Globalization.CultureInfo.InvariantCulture), "--value", "0.75", "--storage", cli.Storage);
        Assert.True(told.Code == 0, told.Err);
        Assert.Contains("Trial 0 is complete.", told.Out, StringComparison.Ordinal);
        var trial = Trials("manual").Single();
        Assert.Equal(0.75, trial.Value);
        Assert.Equal(x, trial.Params["x"]);
        var again = await cli.Run("tell", "--study", "manual", "--trial", "0", "--value", "1", "--storage", cli.Storage);
        Assert.Equal(2, again.Code);
        Assert.Contains("already finished", again.Err, StringComparison.Ordinal);
        var noValue = await cli.Run("tell", "--study", "manual", "--trial", "0", "--storage", cli.Storage);
        Assert.Contains("--value is required", noValue.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("parameters:\n  lr: {type: float, low: abc, high: 1}\n", "space.yaml:2: parameter 'lr': field 'low': expected a number, got 'abc'")]
    [InlineData("parameters:\n  lr: {type: float, low: 2, high: 1}\n", "space.yaml:2: parameter 'lr': The low bound must be less than or equal to the high bound")]
    [InlineData("parameters:\n  a: {type: int, low: 1, high: 4}\n  b:\n    type: gamma\n", "space.yaml:4: parameter 'b': field 'type': unknown type 'gamma'")]
    [InlineData("parameters:\n  a: {type: int, low: 1, high: 4, sep: 2}\n", "space.yaml:2: parameter 'a': unknown field 'sep'")]
    [InlineData("parameters:\n  a: {type: categorical}\n", "space.yaml:2: parameter 'a': field 'choices' is missing")]
    [InlineData("direction: sideways\nparameters:\n  a: {type: int, low: 1, high: 4}\n", "space.yaml:1: field 'direction': expected minimize or maximize, got 'sideways'")]
    [InlineData("parameters:\n  a: {type: int, low: 1, high: 4\n", "space.yaml:3:")]
    [InlineData("sampler: {type: random, sed: 1}\nparameters:\n  a: {type: int, low: 1, high: 4}\n", "space.yaml:1: field 'sampler': unknown option 'sed' for type 'random'")]
    [InlineData("sampler: {type: tpe, multivariate: true, multivariate_kernels: scott}\nparameters:\n  a: {type: int, low: 1, high: 4}\n", "space.yaml:1: field 'sampler': option 'multivariate_kernels': expected adaptive or optuna31, got 'scott'")]
    [InlineData("sampler:\n  type: cmaes\n  restart_strategy: lpop\nparameters:\n  a: {type: int, low: 1, high: 4}\n", "space.yaml:3: field 'sampler': option 'restart_strategy': expected ipop or bipop, got 'lpop'")]
    [InlineData("sampler: {type: qmc, qmc_type: niederreiter}\nparameters:\n  a: {type: int, low: 1, high: 4}\n", "space.yaml:1: field 'sampler': option 'qmc_type': expected sobol or halton, got 'niederreiter'")]
    [InlineData("{\"parameters\": {\"a\": {\"type\": \"float\", \"low\": 0, \"high\": 1, \"log\": true}}}", "space.yaml:1: parameter 'a': A log-scale distribution needs low > 0")]
    public async Task MalformedSpaceFilesNameTheLineAndField(string text, string message)
    {
        string folder = cli.File("bad");
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, "space.yaml");
        File.WriteAllText(path, text);
        var (code, _, error) = await cli.Run("optimize", "--space", path, "--trials", "1", "--storage", cli.Storage, "--", "echo", "1");
        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCommandMustNameKnownParametersAndAProgram()
    {
        string space = Space("parameters:\n  x: {type: float, low: 0, high: 1}\n");
        var unknown = await cli.Run("optimize", "--space", space, "--storage", cli.Storage, "--", "echo", "{y}");
        Assert.Equal(2, unknown.Code);
        Assert.Contains("mentions {y}, which is not a parameter", unknown.Err, StringComparison.Ordinal);
        var none = await cli.Run("optimize", "--space", space, "--storage", cli.Storage);
        Assert.Equal(2, none.Code);
        var help = await cli.Run("optimize", "--help");
        Assert.Contains("Search-space file (YAML or JSON)", help.Out, StringComparison.Ordinal);
        Assert.Contains("when: {optimizer: sgd}", help.Out, StringComparison.Ordinal);
    }

    public void Dispose() => cli.Dispose();
}
