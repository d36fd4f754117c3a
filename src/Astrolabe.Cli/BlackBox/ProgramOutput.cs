using System.Globalization;

namespace Astrolabe.Cli.BlackBox;

/// <summary>
/// Follows a trial program's standard output: stores each intermediate value and asks the pruner after it (throwing
/// <see cref="TrialPrunedException"/> when the trial should stop), and keeps the objective: the last
/// <c>{"value": v}</c> or <c>{"values": [...]}</c> line, or else the last line holding only numbers.
/// </summary>
internal sealed class ProgramOutput(Trial trial)
{
    private IReadOnlyList<double>? reported;
    private string? lastLine;

    /// <summary>Reads lines until the output ends; a malformed report or an over-long line throws <see cref="ProgramFailedException"/>.</summary>
    public async Task ReadAsync(LineReader reader, CancellationToken cancellationToken)
    {
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            lastLine = line;
            if (OutputLine.ParseReport(line, reader.LineNumber) is not { } report)
            {
                continue;
            }

            if (report.Step is not { } step)
            {
                reported = report.Values;
                continue;
            }

            if (trial.Study.Directions.Count > 1)
            {
                throw new ProgramFailedException(string.Create(CultureInfo.InvariantCulture,
                    $"Output line {reader.LineNumber} reports a step, but the study has {trial.Study.Directions.Count} objectives: intermediate values need one."));
            }

            trial.Report(report.Values[0], step);
            if (trial.ShouldPrune())
            {
                throw new TrialPrunedException(string.Create(CultureInfo.InvariantCulture, $"Pruned at step {step}."));
            }
        }
    }

    /// <summary>The objective's values as read so far; null when the program printed none.</summary>
    public IReadOnlyList<double>? Values => reported ?? (lastLine is null ? null : OutputLine.ParseNumbers(lastLine));
}
