using System.Globalization;

namespace Astrolabe.Dashboard;

/// <summary>
/// Cuts a parameter's range into cells: one per category, one per value of a small integer range, otherwise
/// <see cref="Default"/> equal cells (equal in log space for a log distribution).
/// </summary>
internal sealed class Bins
{
    /// <summary>Cells of a numeric range.</summary>
    public const int Default = 20;

    private readonly Func<double, int> index;

    private Bins(IReadOnlyList<string> labels, Func<double, int> index)
    {
        Labels = labels;
        this.index = index;
    }

    /// <summary>The label of each cell.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>The cell of an internal value.</summary>
    public int IndexOf(double internalValue) => Math.Clamp(index(internalValue), 0, Labels.Count - 1);

    /// <summary>Cells for a distribution.</summary>
    public static Bins For(Distribution distribution) => distribution switch
    {
        CategoricalDistribution c => new Bins(c.Choices.Select(PlotValues.Label).ToList(), v => (int)v),
        IntDistribution i when i.Count <= Default => new Bins(
            Enumerable.Range(0, (int)i.Count).Select(k => (i.Low + (k * i.Step)).ToString(CultureInfo.InvariantCulture)).ToList(),
            v => (int)Math.Round((v - i.Low) / i.Step)),
        IntDistribution i => Range(i.Low, i.High, i.Log),
        FloatDistribution f => Range(f.Low, f.High, f.Log),
        _ => throw new ArgumentException($"Cannot bin {distribution}.", nameof(distribution)),
    };

    private static Bins Range(double low, double high, bool log)
    {
        double a = log ? Math.Log(low) : low, b = log ? Math.Log(high) : high;
        double width = b > a ? (b - a) / Default : 1;
        var labels = Enumerable.Range(0, Default)
            .Select(k => a + ((k + 0.5) * width))
            .Select(c => (log ? Math.Exp(c) : c).ToString("G3", CultureInfo.InvariantCulture))
            .ToList();
        return new Bins(labels, v => (int)Math.Floor(((log ? Math.Log(v) : v) - a) / width));
    }
}
