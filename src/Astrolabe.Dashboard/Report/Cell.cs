using System.Globalization;

namespace Astrolabe.Dashboard;

/// <summary>How values appear in table cells.</summary>
internal static class Cell
{
    /// <summary>A number with six significant digits, invariant culture.</summary>
    public static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>A parameter value: numbers as <see cref="Number"/>, anything else as its label.</summary>
    public static string Param(object? value) => value switch
    {
        double d => Number(d),
        float f => Number(f),
        _ => PlotValues.Label(value),
    };
}
