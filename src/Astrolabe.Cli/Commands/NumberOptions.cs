using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Astrolabe.Cli.Commands;

/// <summary>
/// Options that take a whole number or a number of seconds. Each parses its own value, so a bad one is reported
/// with the option's name and what is wrong ("--trials expects a whole number, got 'abc'.", "--trials must be at
/// least 1."), never with a .NET type name; durations have an upper bound, <see cref="MaxSeconds"/>, so no value
/// overflows a timer.
/// </summary>
internal static class NumberOptions
{
    /// <summary>The longest duration an option takes, in seconds: the longest every .NET wait takes (2³¹ − 1 ms, about 24 days).</summary>
    public const int MaxSeconds = 2_147_483;

    /// <summary>An optional whole number within [min, max].</summary>
    public static Option<int?> WholeNumber(string name, string description, int min = int.MinValue, int max = int.MaxValue) => new(name)
    {
        Description = description,
        CustomParser = r => ParseWhole(r, name, min, max),
    };

    /// <summary>A whole number within [min, max] with a default.</summary>
    public static Option<int> WholeNumber(string name, string description, int defaultValue, int min = int.MinValue, int max = int.MaxValue) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = r => ParseWhole(r, name, min, max) ?? defaultValue,
    };

    /// <summary>An optional duration: seconds greater than zero (or zero too, with <paramref name="zeroAllowed"/>), at most <see cref="MaxSeconds"/>.</summary>
    public static Option<TimeSpan?> Seconds(string name, string description, bool zeroAllowed = false) => new(name)
    {
        Description = description,
        CustomParser = r => ParseSeconds(r, name, zeroAllowed),
    };

    /// <summary>A duration with a default.</summary>
    public static Option<TimeSpan> Seconds(string name, string description, TimeSpan defaultValue, bool zeroAllowed = false) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = r => ParseSeconds(r, name, zeroAllowed) ?? defaultValue,
    };

    private static int? ParseWhole(ArgumentResult result, string name, int min, int max)
    {
        string text = Token(result);
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
        {
            result.AddError($"{name} expects a whole number, got '{text}'.");
        }
        else if (value < min)
        {
            result.AddError(min switch
            {
                0 => $"{name} must be zero or positive.",
                _ => string.Create(CultureInfo.InvariantCulture, $"{name} must be at least {min}."),
            });
        }
        else if (value > max)
        {
            result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name} must be at most {max}."));
        }
        else
        {
            return (int)value;
        }

        return null;
    }

    private static TimeSpan? ParseSeconds(ArgumentResult result, string name, bool zeroAllowed)
    {
        string text = Token(result);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) || double.IsNaN(seconds))
        {
            result.AddError($"{name} expects a number of seconds, got '{text}'.");
        }
        else if (zeroAllowed ? seconds < 0 : seconds <= 0)
        {
            result.AddError(zeroAllowed ? $"{name} must be zero or positive." : $"{name} must be positive.");
        }
        else if (seconds > MaxSeconds)
        {
            result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name} must be at most {MaxSeconds} seconds (about 24 days)."));
        }
        else
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return null;
    }

    private static string Token(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
}
