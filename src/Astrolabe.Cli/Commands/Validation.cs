using System.CommandLine;
using System.Globalization;

namespace Astrolabe.Cli.Commands;

/// <summary>Option checks shared by commands; unparsable values are reported by the parser itself.</summary>
internal static class Validation
{
    /// <summary>A count option must be at least 1.</summary>
    public static void AtLeastOne(Option option, string name) => Check(option, v => v >= 1, $"{name} must be at least 1.");

    /// <summary>A duration option must be greater than zero.</summary>
    public static void Positive(Option option, string name) => Check(option, v => v > 0, $"{name} must be positive.");

    private static void Check(Option option, Func<double, bool> valid, string message) => option.Validators.Add(r =>
    {
        if (r.Tokens.Count == 1 && double.TryParse(r.Tokens[0].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && !valid(v))
        {
            r.AddError(message);
        }
    });
}
