using System.CommandLine;
using System.Diagnostics;
using Astrolabe.Cli.BlackBox;

namespace Astrolabe.Cli.Commands;

/// <summary><c>astrolabe optimize</c>: tunes any program's parameters (the black-box command).</summary>
internal static class OptimizeCommand
{
    public static Command Create(CliConsole console)
    {
        var space = new Option<FileInfo>("--space") { Description = "The search-space file (YAML or JSON; format below).", Required = true };
        var study = new Option<string?>("--study") { Description = "The study's name (default: the space file's name); an existing study is resumed." };
        var trials = NumberOptions.WholeNumber("--trials", "How many trials to run.", min: 1);
        var timeout = NumberOptions.Seconds("--timeout", "Start no trial after this many seconds.");
        var trialTimeout = NumberOptions.Seconds("--trial-timeout", "Stop a trial's program after this many seconds (the trial fails).");
        var budget = BudgetOption.Create();
        var jobs = NumberOptions.WholeNumber("--jobs", "Programs run at the same time.", defaultValue: 1, min: 1);
        var seed = NumberOptions.WholeNumber("--seed", "Sampler seed (overrides the file's).");
        var terminate = new Option<bool>("--terminate")
        {
            Description = "Stop once further trials are unlikely to pay: Optuna's terminator (the expected minimum model regret below 1% of its median over the 11th to 30th trials; one objective only, at least 30 complete trials).",
        };
        var heartbeat = new HeartbeatOptions("run");
        var program = new Argument<string[]>("program") { Description = "The program and its arguments, after '--'; {name} is replaced by a parameter's value.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("optimize", "Search the parameters of any program: it is run once per trial and prints its objective value.\n\n" + SpaceFileParser.FormatHelp + """

            The program gets parameters as placeholders ({lr}), as environment variables (ASTROLABE_PARAM_LR) and as a JSON
            file (ASTROLABE_PARAMS_FILE); its standard input is empty. It prints {"step": 3, "value": 0.41} lines to report
            progress (it is stopped when the pruner says so) and ends with {"value": 0.38} or a last line holding the number
            (inf, -inf and nan are read, and fail the trial). Arguments are passed as they are, never through a shell.

            A trial fails, with its reason shown and the study going on, when the program exits with an error, times out,
            prints no value, prints a malformed report (a JSON line with "value", "values" or "step" that breaks the rules
            above, e.g. a step that is not a whole number) or a line longer than 1 MiB. When the program ends or is stopped,
            whatever it started in the background is stopped too. Exit code 1 when no trial of this run completed.

            Running trials get a heartbeat every --heartbeat seconds (SQLite and PostgreSQL storages); the trials of a run
            that was killed are failed by the next run or worker of the study once --grace has passed.

            Example: astrolabe optimize --space space.yaml --trials 50 --jobs 2 -- python3 train.py --lr {lr} --layers {layers}
            """)
        {
            space, study, trials, timeout, trialTimeout, jobs, budget, seed, terminate, program,
        };
        heartbeat.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var file = parse.GetValue(space)!;
            var spec = SpaceFileParser.Load(file.FullName);
            var template = new ProgramTemplate(parse.GetValue(program)!);
            var unknown = template.Placeholders.Where(n => spec.Parameters.All(p => p.Name != n)).ToList();
            if (unknown.Count > 0)
            {
                throw new ArgumentException($"The command mentions {{{unknown[0]}}}, which is not a parameter of {file.Name}.");
            }

            bool terminating = parse.GetValue(terminate);
            if (terminating && spec.Directions.Count != 1)
            {
                throw new ArgumentException($"--terminate works with one objective; {file.Name} has {spec.Directions.Count}.");
            }

            using var folder = RunFolder.Create();
            var objective = new ProgramObjective(spec, template, parse.GetValue(trialTimeout), folder.Path);
            var storage = StorageUrl.Open(parse.GetValue(CommonOptions.Storage)!);
            using var owned = storage as IDisposable;
            var s = Study.Create(heartbeat.Apply(new StudyOptions
            {
                StudyName = parse.GetValue(study) ?? Path.GetFileNameWithoutExtension(file.Name),
                Directions = spec.Directions,
                Storage = storage,
                LoadIfExists = true,
                Sampler = Components.CreateSampler(spec.Sampler, file.Name, parse.GetValue(seed)),
                Pruner = Components.CreatePruner(spec.Pruner, file.Name),
            }, parse));
            var stop = new TerminatorStop(parse.GetValue(seed));
            var options = new OptimizeOptions
            {
                NTrials = parse.GetValue(trials),
                Timeout = parse.GetValue(timeout),
                Parallelism = parse.GetValue(jobs),
                Budget = parse.GetValue(budget),
                CountProcessCpu = false, // a trial's work is its program's, whose CPU time the objective adds
                Catch = [typeof(ProgramFailedException)],
                Callback = terminating ? stop.Invoke : null,
            };
            var clock = Stopwatch.StartNew();
            var run = await ProgressDisplay.RunAsync(console, options, o => s.OptimizeAsync(objective.EvaluateAsync, o, ct)).ConfigureAwait(false);
            Leaderboard.Print(console, s, clock.Elapsed, run);
            if (stop.StoppedAfter is { } number)
            {
                await console.Out.WriteLineAsync($"The terminator stopped the study after trial {number}: further trials are unlikely to improve the best value.").ConfigureAwait(false);
            }

            if (run.NoneCompleted)
            {
                await console.Error.WriteLineAsync("No trial of this run completed; the reasons are above.").ConfigureAwait(false);
                return ExitCodes.NoTrialCompleted;
            }

            return 0;
        });
        return command;
    }
}
