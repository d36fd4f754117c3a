using Astrolabe.Cli.BlackBox;

namespace Astrolabe.Cli.Tests.BlackBox;

/// <summary>What a program prints: malformed reports, over-long lines and non-finite values fail their own trial, and the study goes on.</summary>
public sealed class ProgramOutputTests : IDisposable
{
    private static readonly string Scripts = Path.Combine(AppContext.BaseDirectory, "BlackBox", "Scripts");
    private readonly CliRunner cli = new();

    private string Space(string yaml)
    {
        string path = cli.File($"space{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    private Dictionary<string, FrozenTrial> TrialsByLine(string study)
    {
        using var storage = new SqliteStorage(cli.Db);
        return Study.Load(study, storage).Trials.ToDictionary(t => (string)t.Params["line"]!);
    }

    private static string Reason(FrozenTrial t) => (string)t.SystemAttrs[SystemAttrKeys.FailReason]!;

    [Fact]
    public async Task AMalformedReportFailsItsTrialWithTheLineAndTheStudyGoesOn()
    {
        string space = Space("""
            sampler: bruteforce
            parameters:
              line: {type: categorical, choices: ['{"step": 1.5, "value": 1}', '{"step": 1e30, "value": 1}', '{"step": -1, "value": 1}', '{"values": [1, "a"]}', '{"step": "x"}', '{"step": 2, "value": 0.5}', '{"step": 3.0, "value": NaN}', '{"note": "not a report"}']}
            """);
        var (code, output, error) = await cli.Run("optimize", "--space", space, "--study", "lines", "--trials", "8", "--storage", cli.Storage, "--", "bash", Path.Combine(Scripts, "print.sh"));
        Assert.True(code == 0, error + output);
        var trials = TrialsByLine("lines");
        Assert.Equal(8, trials.Count);
        foreach (var (line, problem) in new[]
        {
            ("""{"step": 1.5, "value": 1}""", "\"step\" must be a whole number from 0 to 9223372036854775807, not 1.5"),
            ("""{"step": 1e30, "value": 1}""", "\"step\" must be a whole number from 0 to 9223372036854775807, not 1e30"),
            ("""{"step": -1, "value": 1}""", "\"step\" must be a whole number from 0 to 9223372036854775807, not -1"),
            ("""{"values": [1, "a"]}""", "\"values\" must hold numbers, not \"a\""),
            ("""{"step": "x"}""", "\"step\" needs a \"value\""),
        })
        {
            Assert.Equal(TrialState.Fail, trials[line].State);
            Assert.Equal($"ProgramFailedException: Output line 1 is a malformed report ({problem}): {line}", Reason(trials[line]));
        }

        // Good reports count: a whole step written as 3.0, a nan intermediate value, a JSON line that reports nothing.
        Assert.Equal(0.5, trials["""{"step": 2, "value": 0.5}"""].IntermediateValues[2]);
        Assert.True(double.IsNaN(trials["""{"step": 3.0, "value": NaN}"""].IntermediateValues[3]));
        Assert.All(new[] { """{"step": 2, "value": 0.5}""", """{"step": 3.0, "value": NaN}""", """{"note": "not a report"}""" }, l =>
        {
            Assert.Equal(TrialState.Complete, trials[l].State);
            Assert.Equal(1, trials[l].Value);
        });
    }

    [Fact]
    public async Task ALineOverOneMebibyteFailsItsTrial()
    {
        string space = Space("sampler: bruteforce\nparameters:\n  line: {type: categorical, choices: ['1000000', '3000000']}\n");
        var (code, output, error) = await cli.Run("optimize", "--space", space, "--study", "long", "--trials", "2", "--storage", cli.Storage,
            "--", "python3", Path.Combine(Scripts, "longline.py"), "{line}");
        Assert.True(code == 0, error + output);
        var trials = TrialsByLine("long");
        Assert.Equal(TrialState.Complete, trials["1000000"].State);
        Assert.Equal(TrialState.Fail, trials["3000000"].State);
        Assert.Contains("Output line 1 is longer than 1024 KiB, the most a line of a program's output may hold.", Reason(trials["3000000"]), StringComparison.Ordinal);
        Assert.Equal(1 << 20, ProgramObjective.MaxLineBytes);
    }

    [Fact]
    public async Task InfinitiesAndNanFailTheTrialSpelledAsPythonPrintsThem()
    {
        string space = Space("sampler: bruteforce\nparameters:\n  line: {type: categorical, choices: ['inf', '-inf', 'nan', 'Infinity', 'NaN', '{\"value\": -Infinity}', '1e999']}\n");
        var (code, output, error) = await cli.Run("optimize", "--space", space, "--study", "nonfinite", "--trials", "7", "--storage", cli.Storage,
            "--", "bash", "-c", "echo \"$ASTROLABE_PARAM_LINE\"");
        Assert.Equal(CliApp.NoTrialCompleted, code);
        var trials = TrialsByLine("nonfinite");
        foreach (var (line, spelled) in new[] { ("inf", "inf"), ("-inf", "-inf"), ("nan", "nan"), ("Infinity", "inf"), ("NaN", "nan"), ("{\"value\": -Infinity}", "-inf"), ("1e999", "inf") })
        {
            Assert.Equal(TrialState.Fail, trials[line].State);
            string reason = $"The program reported {spelled}, which is no objective value (inf, -inf and nan fail the trial).";
            Assert.Equal("ProgramFailedException: " + reason, Reason(trials[line]));
            Assert.Contains($"Trial {trials[line].Number} failed: {reason}", output, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Infinity", output, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", output, StringComparison.Ordinal);
    }

    public void Dispose() => cli.Dispose();
}
