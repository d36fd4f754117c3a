using System.CommandLine;

namespace Astrolabe.Cli.Commands;

/// <summary>
/// <c>--heartbeat</c> and <c>--grace</c>, shared by the commands that run trials of a stored study (<c>optimize</c>,
/// <c>worker</c>): each running trial gets a heartbeat every interval, and before each new trial the trials whose
/// heartbeats stopped for longer than the grace period (their process was killed, their machine lost) are failed.
/// Only storages that keep heartbeats (SQLite, PostgreSQL) do this.
/// </summary>
internal sealed class HeartbeatOptions
{
    private readonly Option<TimeSpan> interval;
    private readonly Option<TimeSpan?> grace;

    public HeartbeatOptions(string runner)
    {
        interval = NumberOptions.Seconds("--heartbeat", $"Seconds between heartbeats of this {runner}'s running trials.", TimeSpan.FromSeconds(10));
        grace = NumberOptions.Seconds("--grace", "Seconds without a heartbeat after which a running trial is failed by the next run or worker of the study (default twice --heartbeat).");
    }

    /// <summary>Adds both options to a command.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(interval);
        command.Options.Add(grace);
    }

    /// <summary>The study options with the parsed heartbeat interval and grace period.</summary>
    public StudyOptions Apply(StudyOptions options, ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(parse);
        return options with { HeartbeatInterval = parse.GetValue(interval), GracePeriod = parse.GetValue(grace) };
    }
}
