using System.Globalization;

namespace Astrolabe.Cli;

/// <summary>
/// How values and parameters are written for people. Non-finite numbers are spelled as Python and Optuna print
/// them, everywhere: <c>inf</c>, <c>-inf</c>, <c>nan</c>.
/// </summary>
internal static class Format
{
    public static string Value(double v) => v switch
    {
        double.PositiveInfinity => "inf",
        double.NegativeInfinity => "-inf",
        _ when double.IsNaN(v) => "nan",
        _ => v.ToString("G6", CultureInfo.InvariantCulture),
    };

    public static string Param(object? v) => v switch
    {
        null => "null",
        double d => Value(d),
        bool b => b ? "true" : "false",
        _ => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "",
    };
}
