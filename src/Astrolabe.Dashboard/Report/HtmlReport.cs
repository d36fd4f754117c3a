using System.Globalization;
using System.Net;

namespace Astrolabe.Dashboard;

/// <summary>
/// A study as one self-contained HTML file: every plot that applies (drawn by the inlined ECharts build, no
/// network needed to open it; a large study's plots sampled as in the dashboard) and every trial in a table shown
/// one page of 100 rows at a time, so a browser opening a 100,000-trial report lays out one page, not every trial.
/// </summary>
public static class HtmlReport
{
    /// <summary>Writes the report of <paramref name="study"/>.</summary>
    public static void Write(StudySnapshot study, TextWriter writer) => Write(study, writer, ReportTable.PageRows);

    /// <summary>Writes the report with pages of <paramref name="pageRows"/> table rows.</summary>
    internal static void Write(StudySnapshot study, TextWriter writer, int pageRows)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageRows, 1);
        var plots = Plots.For(study);
        string name = WebUtility.HtmlEncode(study.StudyName);
        writer.Write($"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>{name} · Astrolabe report</title>
            <style>{Assets.Text("dashboard.css")}</style>
            <script>{Assets.ForScript(Assets.Text("echarts.min.js"))}</script>
            <script>{Assets.ForScript(Assets.Text("charts.js"))}</script>
            </head>
            <body>
            <header>Astrolabe report <small>{WebUtility.HtmlEncode(DateTimeOffset.UtcNow.ToString("u", CultureInfo.InvariantCulture))}</small></header>
            <main>
            <h2>{name}</h2>
            <div id="summary">{Summary(study)}</div>
            <div id="plots" class="plots">

            """);
        foreach (var plot in plots)
        {
            string wide = plot.Kind is "parallel" or "slice" or "timeline" ? " wide" : "";
            writer.Write($"<div id=\"plot-{plot.Kind}\" class=\"plot{wide}\"></div>\n");
        }

        // The plots are drawn before the table is parsed: they show first, and each chart's layout does not also
        // lay out a page of rows.
        writer.Write("</div>\n<script>\nvar astrolabePlots = {\n");
        foreach (var plot in plots)
        {
            writer.Write($"  \"{plot.Kind}\": {plot.Option(study).ToJsonString()},\n");
        }

        writer.Write("""
            };
            Object.keys(astrolabePlots).forEach(function (kind) {
              astrolabeDraw(document.getElementById('plot-' + kind), kind, astrolabePlots[kind]);
            });
            document.body.dataset.plots = Object.keys(astrolabeCharts).length;
            </script>
            <h3>Trials</h3>

            """);
        ReportTable.Write(study, writer, pageRows);
        writer.Write("</main>\n</body>\n</html>\n");
    }

    /// <summary>Writes the report of <paramref name="study"/> to a file.</summary>
    public static void WriteFile(StudySnapshot study, string path)
    {
        using var writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false));
        Write(study, writer);
    }

    private static string Summary(StudySnapshot study)
    {
        var parts = study.StateCounts().Where(p => p.Value > 0).Select(p => $"<span>{p.Key.ToString().ToLowerInvariant()}: {p.Value}</span>").ToList();
        parts.Insert(0, $"<span>directions: {string.Join(", ", study.Directions.Select(d => d.ToString().ToLowerInvariant()))}</span>");
        return string.Join("", parts);
    }
}
