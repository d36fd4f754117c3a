using System.CommandLine;
using System.Globalization;
using Astrolabe.Cli.BlackBox;

namespace Astrolabe.Cli.Commands;

/// <summary>
/// <c>astrolabe worker</c>: joins an existing study and runs trials of a program (the black-box command's
/// <c>--space FILE -- program …</c>) or, without <c>--space</c>, of a built-in synthetic objective (a conditional mixed space with a known optimum, for trying workers out), with heartbeats,
/// so that N workers on N machines share one study through a shared storage (PostgreSQL, or SQLite on one
/// machine). Before each trial it fails the trials of workers that stopped sending heartbeats, and with
/// <c>--retry-failed</c> runs them again with the same parameters.
/// </summary>
internal static class WorkerCommand
{
    public static Command Create(CliConsole console)
    {
        var study = CommonOptions.Study();
        var trials = NumberOptions.WholeNumber("--trials", "How many trials this worker runs (without it: until --timeout, or interrupted).", min: 1);
        var timeout = NumberOptions.Seconds("--timeout", "Start no trial after this many seconds.");
        var budget = BudgetOption.Create();
        var jobs = NumberOptions.WholeNumber("--jobs", "Trials this worker runs at the same time.", defaultValue: 1, min: 1);
        var seed = NumberOptions.WholeNumber("--seed", "Sampler seed (random when absent; give each worker its own).");
        var heartbeat = new HeartbeatOptions("worker");
        var retry = NumberOptions.WholeNumber("--retry-failed", "Run a trial failed by a dead worker again with the same parameters, at most this many times.", defaultValue: 0, min: 0);
        var delay = NumberOptions.Seconds("--trial-delay", "Seconds each trial waits before returning its value (stands in for a costly objective).", TimeSpan.Zero, zeroAllowed: true);
        var space = new Option<FileInfo?>("--space") { Description = "A search-space file (as for 'optimize'): run the program given after '--' instead of the built-in synthetic objective." };
        var trialTimeout = NumberOptions.Seconds("--trial-timeout", "Stop a trial's program after this many seconds (the trial fails).");
        var program = new Argument<string[]>("program") { Description = "With --space: the program and its arguments, after '--' ({name} is replaced by a parameter's value).", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("worker", "Run trials of an existing study, alongside other workers on this or other machines.\n\n" + """
            Start one worker per machine (or several), all with the same --storage and --study. Each records a heartbeat
            for its running trials; a worker that dies (killed, machine lost) has its trial failed by the others after the
            grace period, and with --retry-failed the trial is run again with the same parameters. Failed trials are
            shown with their reason; exit code 1 when no trial of this worker completed.

            Example: astrolabe worker --storage postgresql://user:password@db:5432/studies --study s --trials 100
                       --space space.yaml -- python3 train.py --lr {lr}
            """)
        {
            study, trials, timeout, jobs, budget, seed, retry, delay, space, trialTimeout, program,
        };
        heartbeat.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var storage = StorageUrl.Open(parse.GetValue(CommonOptions.Storage)!);
            using var owned = storage as IDisposable;
            string name = parse.GetValue(study)!;
            var directions = storage.GetStudyDirections(storage.GetStudyId(name));
            using var folder = parse.GetValue(space) is null ? null : RunFolder.Create();
            var objective = Objective(parse.GetValue(space), parse.GetValue(program) ?? [], parse.GetValue(trialTimeout), parse.GetValue(delay), directions, parse.GetValue(seed), folder);

            int retries = parse.GetValue(retry);
            var s = Study.Create(heartbeat.Apply(new StudyOptions
            {
                StudyName = name,
                Storage = storage,
                LoadIfExists = true,
                Directions = directions,
                Sampler = objective.Sampler,
                Pruner = objective.Pruner,
                FailedTrialCallback = retries > 0 ? new RetryFailedTrialCallback(retries).Invoke : null,
            }, parse));
            var run = new RunTally(t => console.Out.WriteLine(FailureText.Line(t)));
            await s.OptimizeAsync(
                async (trial, token) =>
                {
                    trial.SetUserAttr("worker", Identity);
                    return await objective.Evaluate(trial, token).ConfigureAwait(false);
                },
                new OptimizeOptions
                {
                    Catch = [typeof(ProgramFailedException)],
                    NTrials = parse.GetValue(trials),
                    Timeout = parse.GetValue(timeout),
                    Parallelism = parse.GetValue(jobs),
                Budget = parse.GetValue(budget),
                CountProcessCpu = false, // a trial's work is its program's, whose CPU time the objective adds
                    Callback = run.Callback(),
                },
                ct).ConfigureAwait(false);
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Worker done: {run.Finished} trials ({run.Complete} complete, {run.Finished - run.Complete} pruned or failed) in study '{name}'."));
            run.PrintFailures(console.Out);
            if (run.NoneCompleted)
            {
                await console.Error.WriteLineAsync("No trial of this worker completed; the reasons are above.").ConfigureAwait(false);
                return ExitCodes.NoTrialCompleted;
            }

            return 0;
        });
        return command;
    }

    /// <summary>Which worker ran a trial: machine and process id, stored as the trial's user attribute "worker".</summary>
    private static string Identity { get; } = string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}:{Environment.ProcessId}");

    /// <summary>The program of a space file, or the built-in synthetic objective (optionally slowed down).</summary>
    private static WorkerObjective Objective(FileInfo? space, string[] program, TimeSpan? trialTimeout, TimeSpan delay, IReadOnlyList<StudyDirection> directions, int? seed, RunFolder? folder)
    {
        if (space is null)
        {
            if (program.Length > 0)
            {
                throw new ArgumentException("A program to run needs its search space: give --space FILE.");
            }

            if (directions.Count != 1)
            {
                throw new ArgumentException($"The study has {directions.Count} objectives; the built-in synthetic objective has one (give --space and a program).");
            }

            return new WorkerObjective(new RandomSampler(new RandomSamplerOptions { Seed = seed }), null, async (trial, token) =>
            {
                double value = await ExampleObjective.EvaluateAsync(trial, token).ConfigureAwait(false);
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, token).ConfigureAwait(false);
                }

                return [value];
            });
        }

        if (program.Length == 0)
        {
            throw new ArgumentException("--space needs the program to run, after '--'.");
        }

        var spec = SpaceFileParser.Load(space.FullName);
        if (!spec.Directions.SequenceEqual(directions))
        {
            throw new ArgumentException($"{space.Name} has directions [{string.Join(", ", spec.Directions)}] but the study has [{string.Join(", ", directions)}].");
        }

        var template = new ProgramTemplate(program);
        var unknown = template.Placeholders.FirstOrDefault(n => spec.Parameters.All(p => p.Name != n));
        if (unknown is not null)
        {
            throw new ArgumentException($"The command mentions {{{unknown}}}, which is not a parameter of {space.Name}.");
        }

        var run = new ProgramObjective(spec, template, trialTimeout, folder!.Path);
        return new WorkerObjective(Components.CreateSampler(spec.Sampler, space.Name, seed), Components.CreatePruner(spec.Pruner, space.Name), run.EvaluateAsync);
    }
}

/// <summary>What a worker runs: its sampler, pruner and objective.</summary>
internal sealed record WorkerObjective(Sampler Sampler, Pruner? Pruner, Func<Trial, CancellationToken, Task<IReadOnlyList<double>>> Evaluate);
