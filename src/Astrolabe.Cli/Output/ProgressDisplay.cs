using System.Globalization;
using Spectre.Console;

namespace Astrolabe.Cli;

/// <summary>
/// Shows a run's progress: a live bar with trials done, best so far, pruned and failed counts, elapsed
/// time and ETA on a terminal; a line every few seconds when the output is redirected.
/// </summary>
internal static class ProgressDisplay
{
    public static async Task RunAsync(CliConsole console, OptimizeOptions options, Func<OptimizeOptions, Task> run)
    {
        if (console.Interactive)
        {
            await console.Ansi.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .StartAsync(async ctx =>
                {
                    var task = ctx.AddTask("trials", maxValue: options.NTrials ?? 1);
                    var progress = new Reporter(p =>
                    {
                        task.Value = p.Finished;
                        task.Description = Describe(p);
                    });
                    await run(options with { Progress = progress }).ConfigureAwait(false);
                }).ConfigureAwait(false);
            return;
        }

        var last = DateTime.UtcNow;
        var lines = new Reporter(p =>
        {
            if (DateTime.UtcNow - last > TimeSpan.FromSeconds(5) || p.Finished == p.Target)
            {
                last = DateTime.UtcNow;
                console.Out.WriteLine($"{Describe(p)}, elapsed {p.Elapsed.TotalSeconds:F1}s{Eta(p)}");
            }
        });
        await run(options with { Progress = lines }).ConfigureAwait(false);
    }

    private static string Describe(OptimizeProgress p) =>
        $"{p.Finished}{(p.Target is { } n ? "/" + n.ToString(CultureInfo.InvariantCulture) : "")} trials, best {(p.BestValue is { } b ? b.ToString("G6", CultureInfo.InvariantCulture) : "-")}, pruned {p.Pruned}, failed {p.Failed}";

    private static string Eta(OptimizeProgress p) =>
        p.Target is { } n && p.Finished > 0 && p.Finished < n
            ? $", ETA {(p.Elapsed.TotalSeconds / p.Finished * (n - p.Finished)).ToString("F0", CultureInfo.InvariantCulture)}s"
            : "";

    /// <summary>Calls back on the reporting thread (no synchronisation context hop).</summary>
    private sealed class Reporter(Action<OptimizeProgress> onReport) : IProgress<OptimizeProgress>
    {
        private readonly Lock gate = new();

        public void Report(OptimizeProgress value)
        {
            lock (gate)
            {
                onReport(value);
            }
        }
    }
}
