using System.Globalization;
using Spectre.Console;

namespace Astrolabe.Cli;

/// <summary>
/// Shows a run's progress: a live bar with trials done, best so far, pruned and failed counts, elapsed
/// time and ETA on a terminal; a line every few seconds when the output is redirected. Each failed trial
/// gets a line with its reason as it fails. Returns what this run finished.
/// </summary>
internal static class ProgressDisplay
{
    public static async Task<RunTally> RunAsync(CliConsole console, OptimizeOptions options, Func<OptimizeOptions, Task> run)
    {
        var output = new Lock();
        Action<string> write = console.Interactive ? console.Ansi.WriteLine : console.Out.WriteLine;
        var tally = new RunTally(t =>
        {
            lock (output)
            {
                write(FailureText.Line(t));
            }
        });
        options = options with { Callback = tally.Callback(options.Callback) };
        if (console.Interactive)
        {
            await console.Ansi.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .StartAsync(async ctx =>
                {
                    var task = ctx.AddTask("trials", maxValue: options.NTrials ?? 1);
                    var progress = new Reporter(output, p =>
                    {
                        task.Value = p.Finished;
                        task.Description = Markup.Escape(Describe(p));
                    });
                    await run(options with { Progress = progress }).ConfigureAwait(false);
                }).ConfigureAwait(false);
            return tally;
        }

        var last = DateTime.UtcNow;
        var lines = new Reporter(output, p =>
        {
            if (DateTime.UtcNow - last > TimeSpan.FromSeconds(5) || p.Finished == p.Target)
            {
                last = DateTime.UtcNow;
                console.Out.WriteLine($"{Describe(p)}, elapsed {p.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)}s{Eta(p)}");
            }
        });
        await run(options with { Progress = lines }).ConfigureAwait(false);
        return tally;
    }

    private static string Describe(OptimizeProgress p) =>
        $"{p.Finished}{(p.Target is { } n ? "/" + n.ToString(CultureInfo.InvariantCulture) : "")} trials, best {(p.BestValue is { } b ? Format.Value(b) : "-")}, pruned {p.Pruned}, failed {p.Failed}";

    private static string Eta(OptimizeProgress p) =>
        p.Target is { } n && p.Finished > 0 && p.Finished < n
            ? $", ETA {(p.Elapsed.TotalSeconds / p.Finished * (n - p.Finished)).ToString("F0", CultureInfo.InvariantCulture)}s"
            : "";

    /// <summary>Calls back on the reporting thread (no synchronisation context hop), one report at a time.</summary>
    private sealed class Reporter(Lock gate, Action<OptimizeProgress> onReport) : IProgress<OptimizeProgress>
    {
        public void Report(OptimizeProgress value)
        {
            lock (gate)
            {
                onReport(value);
            }
        }
    }
}
