using System.CommandLine;
using System.Diagnostics;

namespace Astrolabe.Cli.Commands;

/// <summary>
/// <c>astrolabe demo</c>: runs an example study on the embedded SQLite storage with a live progress
/// display, then prints the leaderboard. The study is created on first run and resumed afterwards.
/// </summary>
internal static class DemoCommand
{
    public static Command Create(CliConsole console)
    {
        var trials = new Option<int>("--trials") { Description = "How many trials to run.", DefaultValueFactory = _ => 200 };
        var timeout = new Option<double?>("--timeout") { Description = "Start no trial after this many seconds." };
        var jobs = new Option<int>("--jobs") { Description = "Trials run at the same time.", DefaultValueFactory = _ => 1 };
        var seed = new Option<int?>("--seed") { Description = "Sampler seed (random when absent)." };
        var study = new Option<string>("--study") { Description = "The study's name.", DefaultValueFactory = _ => "demo" };
        var command = new Command("demo", "Run an example study and show its leaderboard (resumes the study when it exists).")
        {
            trials, timeout, jobs, seed, study,
        };
        Validation.AtLeastOne(trials, "--trials");
        Validation.AtLeastOne(jobs, "--jobs");
        Validation.Positive(timeout, "--timeout");
        command.SetAction(async (parse, ct) =>
        {
            var storage = StorageUrl.Open(parse.GetValue(CommonOptions.Storage)!);
            using var owned = storage as IDisposable;
            var s = Study.Create(new StudyOptions
            {
                StudyName = parse.GetValue(study),
                Storage = storage,
                LoadIfExists = true,
                Sampler = new RandomSampler(new RandomSamplerOptions { Seed = parse.GetValue(seed) }),
            });
            int before = s.Trials.Count;
            if (before > 0)
            {
                console.Out.WriteLine($"Resuming study '{s.StudyName}' with {before} trials.");
            }

            var options = new OptimizeOptions
            {
                NTrials = parse.GetValue(trials),
                Timeout = parse.GetValue(timeout) is { } t ? TimeSpan.FromSeconds(t) : null,
                Parallelism = parse.GetValue(jobs),
            };
            var clock = Stopwatch.StartNew();
            await ProgressDisplay.RunAsync(console, options, o => s.OptimizeAsync(ExampleObjective.EvaluateAsync, o, ct)).ConfigureAwait(false);
            Leaderboard.Print(console, s, clock.Elapsed, s.Trials.Count - before);
            return 0;
        });
        return command;
    }
}
