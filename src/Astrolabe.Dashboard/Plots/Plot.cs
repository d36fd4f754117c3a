using System.Text.Json.Nodes;

namespace Astrolabe.Dashboard;

/// <summary>
/// One kind of plot of a study. A plot computes its data from a <see cref="StudySnapshot"/> (each kind also
/// exposes that data as typed records through a static <c>Compute</c>) and turns it into an Apache ECharts
/// option object, which the dashboard, the HTML report and <c>astrolabe plot</c> all draw the same way.
/// Large studies are sampled down on the server (the subtitle says how many trials are shown), so a browser
/// never receives every trial of a 100k-trial study.
/// </summary>
public abstract class Plot
{
    /// <summary>The most points one series of a plot carries.</summary>
    public const int MaxPoints = 5000;

    /// <summary>The short name used on the command line and in URLs, e.g. <c>history</c>.</summary>
    public abstract string Kind { get; }

    /// <summary>The human-readable title.</summary>
    public abstract string Title { get; }

    /// <summary>True when the plot means something for this study (e.g. Pareto needs several objectives).</summary>
    public virtual bool AppliesTo(StudySnapshot study) => true;

    /// <summary>The ECharts option drawing this plot of <paramref name="study"/>.</summary>
    public abstract JsonObject Option(StudySnapshot study);
}
