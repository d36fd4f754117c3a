using Astrolabe.ModelSearch;

namespace Astrolabe.Cli.Tests.Commands;

/// <summary><c>astrolabe demo</c> and <c>astrolabe predict</c>: a tiny model search end to end, resuming, interrupting, bad input.</summary>
public sealed class DemoCommandTests : IDisposable
{
    private readonly CliRunner cli = new();

    [Fact]
    public async Task ATinySearchOnMnistEndsWithATestAccuracyAndAModelThatPredictLoads()
    {
        string model = cli.File("mnist.model");
        var (code, output, error) = await cli.Run("demo", "--trials", "3", "--max-epochs", "1", "--seed", "1", "--storage", cli.Storage, "--model-out", model);
        Assert.True(code == 0, error + output);
        Assert.Contains("Model search on mnist10k: 7000 train / 1000 validation / 2000 test samples", output, StringComparison.Ordinal);
        Assert.Contains("Study 'demo-mnist10k': 3 trials", output, StringComparison.Ordinal);
        Assert.Contains("Leaderboard", output, StringComparison.Ordinal);
        Assert.Contains("Time per trial:", output, StringComparison.Ordinal);
        Assert.Matches(@"Cost of the study \(3 trials\): [\d.]+ CPU s, .* FLOPs\.", output);
        string tested = System.Text.RegularExpressions.Regex.Match(output, @"Test accuracy of the final model: (\d+\.\d\d %)").Groups[1].Value;
        Assert.NotEmpty(tested);
        Assert.True(File.Exists(model));

        // The saved model, loaded by another command from raw pixels, scores exactly what the demo measured.
        (code, output, error) = await cli.Run("predict", "--model", model, "--dataset", "mnist10k", "--show", "2");
        Assert.True(code == 0, error);
        Assert.Contains("sample 1: predicted", output, StringComparison.Ordinal);
        Assert.Contains($"Test accuracy on mnist10k (2000 samples): {tested}", output, StringComparison.Ordinal);

        (code, output, error) = await cli.Run("predict", "--model", model, "--dataset", "mnist10k", "--show", "2", "--probabilities");
        Assert.True(code == 0, error);
        Assert.Matches(@"sample 1: predicted \d \(p = [01]\.\d{4}\), actual \d", output);
    }

    [Fact]
    public async Task TheStudyHoldsTrialsTotalAndARerunResumesIt()
    {
        var (code, output, error) = await cli.Run("demo", "--dataset", "iris", "--trials", "4", "--max-epochs", "2", "--storage", cli.Storage, "--model-out", cli.File("a.model"));
        Assert.True(code == 0, error + output);
        Assert.Contains("Study 'demo-iris': 4 trials", output, StringComparison.Ordinal);
        (code, output, error) = await cli.Run("demo", "--dataset", "iris", "--trials", "6", "--max-epochs", "2", "--storage", cli.Storage, "--model-out", cli.File("b.model"));
        Assert.True(code == 0, error + output);
        Assert.Contains("Resuming: the study already holds 4 complete or pruned trials; running 2 more.", output, StringComparison.Ordinal);
        Assert.Contains("Study 'demo-iris': 6 trials", output, StringComparison.Ordinal);
        Assert.True(File.Exists(cli.File("b.model")));
    }

    [Fact]
    public async Task RegressionReportsRmseAndPredictLabelsACsvFile()
    {
        string model = cli.File("diabetes.model");
        var (code, output, error) = await cli.Run("demo", "--dataset", "diabetes", "--trials", "3", "--max-epochs", "3", "--storage", cli.Storage, "--model-out", model);
        Assert.True(code == 0, error + output);
        Assert.Contains("objective: validation rmse (minimize)", output, StringComparison.Ordinal);
        Assert.Matches(@"Test rmse of the final model: \d+(\.\d+)?", output);

        string csv = cli.File("rows.csv");
        await File.WriteAllTextAsync(csv, "59 2 32.1 101.0 157 93.2 38.0 4.0 4.8598 87\n48 1 21.6 87.0 183 103.2 70.0 3.0 3.8918 69\n");
        (code, output, error) = await cli.Run("predict", "--model", model, "--input", csv);
        Assert.True(code == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, l => Assert.InRange(double.Parse(l, System.Globalization.CultureInfo.InvariantCulture), -500, 1000));

        (code, _, error) = await cli.Run("predict", "--model", model, "--input", csv, "--probabilities");
        Assert.NotEqual(0, code);
        Assert.Contains("--probabilities needs a classification model", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnInterruptedDemoLeavesAConsistentStudyThatTheNextRunCompletes()
    {
        using var cts = new CancellationTokenSource();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        // Interrupt once the study holds a finished trial (a fixed delay would find none on a loaded machine).
        var interrupt = Task.Run(async () =>
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(5);
            while (DateTime.UtcNow < deadline && !HasFinishedTrial())
            {
                await Task.Delay(50);
            }

            await cts.CancelAsync();
        });
        int code = await CliApp.RunAsync(["demo", "--dataset", "digits", "--trials", "1000", "--storage", cli.Storage, "--model-out", cli.File("d.model")], stdout, stderr, cts.Token);
        await interrupt;
        Assert.Equal(130, code);
        Assert.Contains("can be resumed", stderr.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(cli.File("d.model")));
        int before;
        using (var storage = new SqliteStorage(cli.Db))
        {
            var trials = Study.Load("demo-digits", storage).Trials;
            Assert.NotEmpty(trials);
            Assert.All(trials, t => Assert.True(t.State.IsFinished(), $"trial {t.Number} is {t.State}"));
            before = Counted(trials);
        }

        var (again, output, error) = await cli.Run("demo", "--dataset", "digits", "--trials", (before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), "--max-epochs", "2", "--storage", cli.Storage, "--model-out", cli.File("d.model"));
        Assert.True(again == 0, error + output);
        Assert.Contains($"Resuming: the study already holds {before} complete or pruned trials", output, StringComparison.Ordinal);
        Assert.Contains("; running 1 more.", output, StringComparison.Ordinal);
        Assert.True(File.Exists(cli.File("d.model")));
        using (var storage = new SqliteStorage(cli.Db))
        {
            Assert.Equal(before + 1, Counted(Study.Load("demo-digits", storage).Trials));
        }
    }

    private bool HasFinishedTrial()
    {
        if (!File.Exists(cli.Db))
        {
            return false;
        }

        try
        {
            using var storage = new SqliteStorage(cli.Db);
            return storage.GetAllStudies().Any(s => s.StudyName == "demo-digits")
                && Study.Load("demo-digits", storage).Trials.Any(t => t.State.IsFinished());
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            return false; // the schema is being created
        }
    }

    [Fact]
    public async Task CtrlCFailsTheRunningTrialExitsWith130AndTheStudyResumes()
    {
        // The real signal path: the command runs as its own process and receives SIGINT like a terminal's Ctrl-C.
        // A test run started in the background of a non-interactive shell (as CI scripts may be) inherits SIGINT
        // ignored, and a process keeps an ignored SIGINT ignored: env restores its default first, as a terminal has it.
        var start = new System.Diagnostics.ProcessStartInfo("env")
        {
            ArgumentList = { "--default-signal=INT", "dotnet", Path.Combine(AppContext.BaseDirectory, "Astrolabe.Cli.dll"), "demo", "--dataset", "digits", "--trials", "500", "--storage", cli.Storage, "--model-out", cli.File("s.model") },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        // Freeze the process while a trial runs, so that what the storage shows cannot change before the signal
        // is sent: then the Ctrl-C is queued behind the freeze and lands in that trial (or, should it end in the
        // instant after the thaw, between trials, where nothing is to fail).
        var deadline = DateTime.UtcNow.AddMinutes(10);
        int? interrupted = null;
        while (interrupted is null && DateTime.UtcNow < deadline && !process.HasExited)
        {
            await Task.Delay(100);
            if (FinishedTrials() < 2)
            {
                continue;
            }

            await Signal(process, "-STOP");
            try
            {
                interrupted = RunningTrial();
                if (interrupted is not null)
                {
                    await Signal(process, "-INT");
                }
            }
            finally
            {
                await Signal(process, "-CONT");
            }
        }

        if (interrupted is null)
        {
            // (Reading the output waits for the process to end: only once the test has failed.)
            Assert.Fail("no trial was seen running: " + await stderr + await stdout);
        }

        // The deadline only stops a broken run.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 130, await stderr + await stdout);
        Assert.Contains("can be resumed", await stderr, StringComparison.Ordinal);
        int before, failed;
        using (var storage = new SqliteStorage(cli.Db))
        {
            var trials = Study.Load("demo-digits", storage).Trials;
            Assert.All(trials, t => Assert.True(t.State.IsFinished(), $"trial {t.Number} is {t.State}"));
            before = Counted(trials);
            failed = trials.Count(t => t.State == TrialState.Fail);

            // The trial Ctrl-C interrupted is failed and does not count toward --trials; no other trial failed.
            Assert.All(trials.Where(t => t.State == TrialState.Fail), t => Assert.Equal(interrupted, t.Number));
        }

        var (code, output, error) = await cli.Run("demo", "--dataset", "digits", "--trials", (before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), "--max-epochs", "2", "--storage", cli.Storage, "--model-out", cli.File("s.model"));
        Assert.True(code == 0, error + output);
        Assert.Contains($"already holds {before} complete or pruned trials ({failed} failed, not counted); running 1 more.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStudyNameIsNoPathTheModelStaysInTheWorkingFolderAndTheOutputSaysWhere()
    {
        string work = cli.File(Path.Combine("a", "b", "work"));
        Directory.CreateDirectory(work);
        var (code, output, error) = await CliProcess.Run(["demo", "--dataset", "iris", "--trials", "1", "--max-epochs", "1", "--study", "../../x", "--storage", cli.Storage], work);
        Assert.True(code == 0, error + output);
        string model = Assert.Single(Directory.GetFiles(cli.File("a"), "*.model", SearchOption.AllDirectories));
        Assert.Equal(work, Path.GetDirectoryName(model));
        Assert.Equal("___.._x.model", Path.GetFileName(model));
        Assert.Contains($"Model saved to {model}; try: astrolabe predict --model {model} --dataset iris", output, StringComparison.Ordinal);
    }

    private static int Counted(IEnumerable<FrozenTrial> trials) => trials.Count(t => t.State is TrialState.Complete or TrialState.Pruned);

    private static async Task Signal(System.Diagnostics.Process process, string signal)
    {
        var start = new System.Diagnostics.ProcessStartInfo("kill") { ArgumentList = { signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, RedirectStandardError = true };
        using var kill = System.Diagnostics.Process.Start(start)!;
        string error = await kill.StandardError.ReadToEndAsync();
        await kill.WaitForExitAsync();
        Assert.True(kill.ExitCode == 0, $"kill {signal} {process.Id} failed ({(process.HasExited ? $"the process has exited with {process.ExitCode}" : "the process runs")}): {error}");
    }

    private int? RunningTrial()
    {
        // Read-only: the frozen writer may hold the write lock.
        using var storage = SqliteStorage.OpenReadOnly(cli.Db);
        return Study.Load("demo-digits", storage).Trials.Where(t => t.State == TrialState.Running).Select(t => (int?)t.Number).FirstOrDefault();
    }

    private int FinishedTrials()
    {
        if (!File.Exists(cli.Db))
        {
            return 0;
        }

        try
        {
            using var storage = SqliteStorage.OpenReadOnly(cli.Db);
            return Study.Load("demo-digits", storage).Trials.Count(t => t.State.IsFinished());
        }
        catch (Exception e) when (e is StudyNotFoundException or InvalidDataException)
        {
            return 0; // not created yet
        }
    }

    [Theory]
    [InlineData("demo", "--trials", "x", "--trials expects a whole number, got 'x'.")]
    [InlineData("demo", "--trials", "0", "--trials must be at least 1.")]
    [InlineData("demo", "--jobs", "0", "--jobs must be at least 1.")]
    [InlineData("demo", "--timeout", "-3", "--timeout must be positive.")]
    [InlineData("demo", "--max-epochs", "0", "--max-epochs must be at least 1.")]
    [InlineData("demo", "--dataset", "cifar", "Unknown dataset 'cifar'; choose one of: mnist10k, digits, breast_cancer, wine, iris, diabetes, austen, insteval.")]
    [InlineData("demo", "--families", "capsnet", "Unknown family 'capsnet'; known: mlp, cnn, resnet")]
    [InlineData("demo", "--families", "cnn,cnn", "--families names 'cnn' twice.")]
    [InlineData("demo", "--families", ",", "--families names no family; known: mlp, cnn, resnet")]
    public async Task WrongArgumentsExitWithTwoAndAMessage(string command, string option, string value, string message)
    {
        var (code, _, error) = await cli.Run(command, option, value, "--storage", cli.Storage);
        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.False(File.Exists(cli.Db));
    }

    [Fact]
    public async Task FamiliesChooseWhatTheSearchDrawsAResidualCnnAmongThem()
    {
        var (code, output, error) = await cli.Run("demo", "--dataset", "digits", "--families", "resnet", "--trials", "2", "--max-epochs", "1", "--storage", cli.Storage, "--model-out", cli.File("r.model"));
        Assert.True(code == 0, error);
        Assert.Contains("resnet [", output, StringComparison.Ordinal);
        Assert.DoesNotContain("cnn [", output, StringComparison.Ordinal);
        (code, _, error) = await cli.Run("demo", "--dataset", "iris", "--families", "resnet", "--storage", cli.Storage);
        Assert.Equal(2, code);
        Assert.Contains("None of the space's families (resnet) can model samples of shape [4]", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStudyOfTheOtherDirectionIsNotReused()
    {
        var (code, output, error) = await cli.Run("demo", "--dataset", "iris", "--study", "shared", "--trials", "1", "--max-epochs", "1", "--storage", cli.Storage, "--model-out", cli.File("i.model"));
        Assert.True(code == 0, error + output);
        (code, _, error) = await cli.Run("demo", "--dataset", "diabetes", "--study", "shared", "--trials", "2", "--max-epochs", "1", "--storage", cli.Storage);
        Assert.Equal(2, code);
        Assert.Contains("shared", error, StringComparison.Ordinal);
        using var storage = new SqliteStorage(cli.Db);
        Assert.Single(Study.Load("shared", storage).Trials);
    }

    [Fact]
    public async Task PredictRejectsMissingDamagedAndMismatchedInputsWithExitTwo()
    {
        var (code, _, error) = await cli.Run("predict", "--model", cli.File("none.model"), "--dataset", "iris");
        Assert.Equal(2, code);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);

        await File.WriteAllTextAsync(cli.File("junk.model"), "not a model");
        (code, _, error) = await cli.Run("predict", "--model", cli.File("junk.model"), "--dataset", "iris");
        Assert.Equal(2, code);
        Assert.Contains("not an Astrolabe model file", error, StringComparison.Ordinal);

        (code, _, error) = await cli.Run("predict", "--model", cli.File("junk.model"));
        Assert.Equal(2, code);
        Assert.Contains("Give exactly one of --dataset NAME or --input FILE.", error, StringComparison.Ordinal);

        var task = BuiltInTasks.Load("iris");
        var config = new ModelConfig { Hidden = [8], Epochs = 1 };
        ModelTraining.Fit(config, task, task.Train, null, seed: 1).Save(cli.File("iris.model"));
        (code, _, error) = await cli.Run("predict", "--model", cli.File("iris.model"), "--dataset", "wine");
        Assert.Equal(2, code);
        Assert.Contains("trained on 'iris' (4 inputs); 'wine' has 13", error, StringComparison.Ordinal);
    }

    public void Dispose() => cli.Dispose();
}
