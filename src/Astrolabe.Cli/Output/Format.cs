using System.Globalization;

namespace Astrolabe.Cli;

/// <summary>How values and parameters are written for people.</summary>
internal static class Format
{
    public static string Value(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

    public static string Param(object? v) => v switch
    {
        null => "null",
        double d => d.ToString("G6", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "",
    };
}
