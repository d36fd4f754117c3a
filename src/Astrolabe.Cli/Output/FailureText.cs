using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Astrolabe.Cli;

/// <summary>
/// A failed trial's reason in one line for people: the stored reason's first line without the exception type, and,
/// when the program wrote to standard error, the last line it wrote there. Terminal escape sequences and other
/// control characters are removed, and the line is cut at <see cref="MaxLength"/> characters.
/// </summary>
internal static partial class FailureText
{
    public const int MaxLength = 300;

    private const string StderrMarker = " stderr: ";

    public static string Of(FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        string reason = trial.SystemAttrs.TryGetValue(SystemAttrKeys.FailReason, out var r) && r is string s ? s : "no reason recorded";
        reason = ExceptionType().Replace(reason, "", 1);
        int marker = reason.IndexOf(StderrMarker, StringComparison.Ordinal);
        string head = FirstLine(marker >= 0 ? reason[..marker] : reason);
        string? last = marker >= 0 ? LastLine(reason[(marker + StderrMarker.Length)..]) : null;
        string text = last is null ? head : $"{head} stderr ends: {last}";
        return text.Length > MaxLength ? text[..(MaxLength - 1)] + "…" : text;
    }

    /// <summary>"Trial 3 failed: …".</summary>
    public static string Line(FrozenTrial trial) =>
        string.Create(CultureInfo.InvariantCulture, $"Trial {trial.Number} failed: {Of(trial)}");

    private static string FirstLine(string text) => Clean(text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "");

    private static string? LastLine(string text) => text.Split('\n').Select(Clean).LastOrDefault(l => l.Length > 0);

    /// <summary>Drops escape sequences (colours, cursor moves) and replaces other control characters with spaces.</summary>
    private static string Clean(string line)
    {
        line = EscapeSequence().Replace(line, "");
        var sb = new StringBuilder(line.Length);
        foreach (char c in line)
        {
            sb.Append(char.IsControl(c) ? ' ' : c);
        }

        return sb.ToString().Trim();
    }

    [GeneratedRegex(@"^[A-Za-z]+Exception: ")]
    private static partial Regex ExceptionType();

    [GeneratedRegex(@"\x1B(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1B]*(\x07|\x1B\\)?|[@-Z\\-_])")]
    private static partial Regex EscapeSequence();
}
