using System.CommandLine;
using Astrolabe.Cli.Commands;

namespace Astrolabe.Cli;

/// <summary>
/// The <c>astrolabe</c> command line. Exit codes: 0 success; 1 a run none of whose trials completed (<c>optimize</c>,
/// <c>worker</c>, <c>demo</c>: every trial failed or was pruned; the reasons are printed), or an unexpected failure;
/// 2 wrong arguments or a request that cannot be served (unknown study, unreadable storage), with the reason on
/// standard error; 130 interrupted.
/// </summary>
public static class CliApp
{
    /// <summary>Exit code for wrong arguments and requests that cannot be served (<see cref="ExitCodes.UsageError"/>).</summary>
    public const int UsageError = ExitCodes.UsageError;

    /// <summary>Exit code of a run that finished trials but completed none of them (<see cref="ExitCodes.NoTrialCompleted"/>).</summary>
    public const int NoTrialCompleted = ExitCodes.NoTrialCompleted;

    /// <summary>Parses and runs one command line, writing to the given streams.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var console = new CliConsole(stdout, stderr);
        var root = new RootCommand("Astrolabe: model search and model optimization for .NET.")
        {
            CommonOptions.Storage,
            DemoCommand.Create(console),
            PredictCommand.Create(console),
            QuantizeCommand.Create(console),
            ExportOnnxCommand.Create(console),
            ExplainCommand.Create(console),
            StudiesCommand.Create(console),
            CreateStudyCommand.Create(console),
            DeleteStudyCommand.Create(console),
            TrialsCommand.Create(console),
            BestCommand.Create(console),
            ExportCommand.Create(console),
            ImportanceCommand.Create(console),
            OptimizeCommand.Create(console),
            AskCommand.Create(console),
            TellCommand.Create(console),
            ReportCommand.Create(console),
            PlotCommand.Create(console),
            DashboardCommand.Create(console),
            WorkerCommand.Create(console),
        };
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await stderr.WriteLineAsync($"error: {error.Message}").ConfigureAwait(false);
            }

            await stderr.WriteLineAsync("Run 'astrolabe --help' (or '<command> --help') for usage.").ConfigureAwait(false);
            return UsageError;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsUserError(e))
        {
            await stderr.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return UsageError;
        }
        catch (OperationCanceledException)
        {
            await stderr.WriteLineAsync("Interrupted; the study is consistent and can be resumed.").ConfigureAwait(false);
            return 130;
        }
    }

    private static bool IsUserError(Exception e) =>
        e is StudyNotFoundException or DuplicatedStudyException or InvalidDataException or ArgumentException or FormatException or UnauthorizedAccessException
        || e is InvalidOperationException and not ObjectDisposedException
        || (e is IOException && e is not EndOfStreamException)
        || e is Microsoft.Data.Sqlite.SqliteException;
}
