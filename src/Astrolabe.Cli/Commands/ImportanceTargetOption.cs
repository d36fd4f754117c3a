using System.Globalization;

namespace Astrolabe.Cli.Commands;

/// <summary>
/// What <c>astrolabe importance --target</c> explains: <c>value</c> (the objective; the default for one objective),
/// <c>values[i]</c> or <c>objective:i</c> or just <c>i</c> (objective i, from 0), <c>user_attrs.KEY</c> or
/// <c>attr:KEY</c> (a numeric user attribute, smaller better), or <c>duration</c> (seconds, smaller better).
/// </summary>
internal static class ImportanceTargetOption
{
    public const string Help = "What to explain: value, values[i] (or objective:i, or i: objective i from 0), user_attrs.KEY (or attr:KEY: a numeric user attribute), or duration (seconds). Default: the objective; required for several objectives.";

    /// <summary>The target the text names, or null for none; throws <see cref="ArgumentException"/> naming the accepted forms.</summary>
    public static ImportanceTarget? Parse(string? text)
    {
        if (text is null)
        {
            return null;
        }

        string t = text.Trim();
        if (t is "value" or "objective")
        {
            return ImportanceTarget.Objective(0);
        }

        if (t == "duration")
        {
            return ImportanceTarget.Of("duration", trial => trial.Duration?.TotalSeconds ?? double.NaN);
        }

        string? index = t.StartsWith("values[", StringComparison.Ordinal) && t.EndsWith(']') ? t[7..^1]
            : t.StartsWith("objective:", StringComparison.Ordinal) ? t[10..]
            : t;
        if (int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out int i))
        {
            return ImportanceTarget.Objective(i);
        }

        string? key = t.StartsWith("user_attrs.", StringComparison.Ordinal) ? t[11..]
            : t.StartsWith("attr:", StringComparison.Ordinal) ? t[5..]
            : null;
        if (!string.IsNullOrWhiteSpace(key))
        {
            return ImportanceTarget.UserAttr(key);
        }

        throw new ArgumentException($"Unknown --target '{text}'; use value, values[i], objective:i, i, user_attrs.KEY, attr:KEY or duration.");
    }
}
