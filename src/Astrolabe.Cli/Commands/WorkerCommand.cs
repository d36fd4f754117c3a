using System.CommandLine;
using System.Globalization;

namespace Astrolabe.Cli.Commands;

/// <summary>
/// <c>astrolabe worker</c>: joins an existing study and runs trials of the demo's objective, with heartbeats,
/// so that N workers on N machines share one study through a shared storage (PostgreSQL, or SQLite on one
/// machine). Before each trial it fails the trials of workers that stopped sending heartbeats, and with
/// <c>--retry-failed</c> runs them again with the same parameters.
/// </summary>
internal static class WorkerCommand
{
    public static Command Create(CliConsole console)
    {
        var study = CommonOptions.Study();
        var trials = new Option<int?>("--trials") { Description = "How many trials this worker runs (without it: until --timeout, or interrupted)." };
        var timeout = new Option<double?>("--timeout") { Description = "Start no trial after this many seconds." };
        var jobs = new Option<int>("--jobs") { Description = "Trials this worker runs at the same time.", DefaultValueFactory = _ => 1 };
        var seed = new Option<int?>("--seed") { Description = "Sampler seed (random when absent; give each worker its own)." };
        var heartbeat = new Option<double>("--heartbeat") { Description = "Seconds between heartbeats of this worker's running trials.", DefaultValueFactory = _ => 10 };
        var grace = new Option<double?>("--grace") { Description = "Seconds without a heartbeat after which any worker fails a running trial (default twice --heartbeat)." };
        var retry = new Option<int>("--retry-failed") { Description = "Run a trial failed by a dead worker again with the same parameters, at most this many times.", DefaultValueFactory = _ => 0 };
        var delay = new Option<double>("--trial-delay") { Description = "Seconds each trial waits before returning its value (stands in for a costly objective).", DefaultValueFactory = _ => 0 };
        var command = new Command("worker", "Run trials of an existing study, alongside other workers on this or other machines.")
        {
            study, trials, timeout, jobs, seed, heartbeat, grace, retry, delay,
        };
        Check(trials, v => v >= 1, "--trials must be at least 1.");
        Check(jobs, v => v >= 1, "--jobs must be at least 1.");
        Check(timeout, v => v > 0, "--timeout must be positive.");
        Check(heartbeat, v => v > 0, "--heartbeat must be positive.");
        Check(grace, v => v > 0, "--grace must be positive.");
        Check(retry, v => v >= 0, "--retry-failed must be zero or positive.");
        Check(delay, v => v >= 0, "--trial-delay must be zero or positive.");
        command.SetAction(async (parse, ct) =>
        {
            var storage = StorageUrl.Open(parse.GetValue(CommonOptions.Storage)!);
            using var owned = storage as IDisposable;
            string name = parse.GetValue(study)!;
            var directions = storage.GetStudyDirections(storage.GetStudyId(name));
            if (directions.Count != 1)
            {
                console.Error.WriteLine($"error: study '{name}' has {directions.Count} objectives; the worker's objective has one.");
                return CliApp.UsageError;
            }

            var interval = TimeSpan.FromSeconds(parse.GetValue(heartbeat));
            int retries = parse.GetValue(retry);
            var s = Study.Create(new StudyOptions
            {
                StudyName = name,
                Storage = storage,
                LoadIfExists = true,
                Directions = directions,
                Sampler = new RandomSampler(new RandomSamplerOptions { Seed = parse.GetValue(seed) }),
                HeartbeatInterval = interval,
                GracePeriod = parse.GetValue(grace) is { } g ? TimeSpan.FromSeconds(g) : null,
                FailedTrialCallback = retries > 0 ? new RetryFailedTrialCallback(retries).Invoke : null,
            });
            var wait = TimeSpan.FromSeconds(parse.GetValue(delay));
            int complete = 0, other = 0;
            await s.OptimizeAsync(
                async (trial, token) =>
                {
                    trial.SetUserAttr("worker", Identity);
                    double value = await ExampleObjective.EvaluateAsync(trial, token).ConfigureAwait(false);
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait, token).ConfigureAwait(false);
                    }

                    return value;
                },
                new OptimizeOptions
                {
                    NTrials = parse.GetValue(trials),
                    Timeout = parse.GetValue(timeout) is { } t ? TimeSpan.FromSeconds(t) : null,
                    Parallelism = parse.GetValue(jobs),
                    Callback = (_, finished) => Interlocked.Increment(ref finished.State == TrialState.Complete ? ref complete : ref other),
                },
                ct).ConfigureAwait(false);
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Worker done: {complete + other} trials ({complete} complete, {other} pruned or failed) in study '{name}'."));
            return 0;
        });
        return command;
    }

    /// <summary>Which worker ran a trial: machine and process id, stored as the trial's user attribute "worker".</summary>
    private static string Identity { get; } = string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}:{Environment.ProcessId}");

    private static void Check<T>(Option<T> option, Func<double, bool> valid, string message) => option.Validators.Add(r =>
    {
        // Unparsable values are reported by the parser itself.
        if (r.Tokens.Count == 1 && double.TryParse(r.Tokens[0].Value, CultureInfo.InvariantCulture, out double v) && !valid(v))
        {
            r.AddError(message);
        }
    });
}
