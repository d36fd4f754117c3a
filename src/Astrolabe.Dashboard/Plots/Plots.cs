namespace Astrolabe.Dashboard;

/// <summary>Every plot kind, in the order the report and the dashboard show them.</summary>
public static class Plots
{
    /// <summary>All plot kinds.</summary>
    public static IReadOnlyList<Plot> All { get; } =
    [
        new HistoryPlot(),
        new IntermediatePlot(),
        new ParallelCoordinatePlot(),
        new SlicePlot(),
        new ContourPlot(),
        new ParamImportancePlot(),
        new RankPlot(),
        new EdfPlot(),
        new TimelinePlot(),
        new ParetoFrontPlot(),
        new HypervolumeHistoryPlot(),
        new TerminatorImprovementPlot(),
        new CostPlot(),
    ];

    /// <summary>The plot of this kind; throws <see cref="ArgumentException"/> naming the known kinds otherwise.</summary>
    public static Plot Get(string kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return All.FirstOrDefault(p => string.Equals(p.Kind, kind, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"Unknown plot kind '{kind}'; use one of: {string.Join(", ", All.Select(p => p.Kind))}.", nameof(kind));
    }

    /// <summary>The plots that apply to a study.</summary>
    public static IReadOnlyList<Plot> For(StudySnapshot study) => All.Where(p => p.AppliesTo(study)).ToList();
}
