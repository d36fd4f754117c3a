using System.IO.Compression;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Astrolabe.Dashboard.Tests.Report;

/// <summary>
/// A 100,000-trial report stays light for a browser: one page of table rows as HTML, every trial still in the file
/// (packed, unpacked only when the reader turns a page), and a bounded number of points in every plot.
/// </summary>
public sealed partial class LargeReportTests
{
    private const int Count = 100_000;

    private static readonly Lazy<string> Html = new(() =>
    {
        using var writer = new StringWriter();
        HtmlReport.Write(Study(Count), writer);
        return writer.ToString();
    });

    /// <summary>x, lr (log), layers and act; 80% complete, 15% pruned after 10 reports, 5% failed.</summary>
    private static StudySnapshot Study(int n)
    {
        var rng = new Random(7);
        var x = new FloatDistribution(-5, 5);
        var lr = new FloatDistribution(1e-5, 1e-1, log: true);
        var layers = new IntDistribution(1, 8);
        var act = new CategoricalDistribution(["relu", "tanh", "gelu"]);
        var trials = new FrozenTrial[n];
        for (int i = 0; i < n; i++)
        {
            double xv = (rng.NextDouble() * 10) - 5, lrv = Math.Exp(Math.Log(1e-5) + (rng.NextDouble() * Math.Log(1e4)));
            double value = (xv * xv) + Math.Abs(Math.Log10(lrv) + 3);
            double roll = rng.NextDouble();
            var state = roll < 0.80 ? TrialState.Complete : roll < 0.95 ? TrialState.Pruned : TrialState.Fail;
            var steps = state == TrialState.Pruned ? Enumerable.Range(0, 10).Select(s => ((long)s, value + (10.0 / (s + 1)))).ToArray() : null;
            trials[i] = Trials.Make(
                i,
                state,
                state == TrialState.Fail ? null : [value],
                [("x", xv, x), ("lr", lrv, lr), ("layers", rng.Next(1, 9), layers), ("act", rng.Next(3), act)],
                steps,
                startSeconds: i * 0.5,
                endSeconds: (i * 0.5) + 0.4);
        }

        return Trials.Minimize(trials);
    }

    [Fact]
    public void TheTableShowsTheFirstPageAndCarriesEveryTrialAsText()
    {
        string html = Html.Value;
        Assert.Equal(ReportTable.PageRows, TableRow().Matches(html).Count);
        Assert.Contains("""<input id="page-number" type="number" min="1" max="1000" value="1"> of 1000""", html, StringComparison.Ordinal);
        var rows = EmbeddedRows(html);
        Assert.Equal(Count, rows.Count);
        Assert.Equal("99999", rows[^1]![0]!.GetValue<string>());
        Assert.Equal(8, rows[^1]!.AsArray().Count); // number, state, value, x, lr, layers, act, duration
    }

    [Fact]
    public void EveryPlotCarriesABoundedNumberOfPoints()
    {
        var plots = EmbeddedPlots(Html.Value);
        Assert.Equal(["history", "intermediate", "parallel", "slice", "contour", "importance", "rank", "edf", "timeline"], plots.Keys);
        foreach (var (kind, option) in plots)
        {
            var counts = option["series"]!.AsArray().Select(s => s!["data"]!.AsArray().Count).ToList();
            Assert.All(counts, c => Assert.True(c <= Plot.MaxPoints, $"{kind}: a series of {c} points"));
            Assert.True(counts.Sum() <= IntermediatePlot.MaxTotalPoints, $"{kind}: {counts.Sum()} points");
        }

        Assert.Contains("5,000 of 80,", plots["history"]["title"]!["subtext"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void ASmallStudysTableIsAllHtmlWithoutPagesOrScript()
    {
        using var writer = new StringWriter();
        HtmlReport.Write(Study(ReportTable.PageRows), writer);
        string html = writer.ToString();
        Assert.Equal(ReportTable.PageRows, TableRow().Matches(html).Count);
        Assert.DoesNotContain("trial-rows", html, StringComparison.Ordinal);
        Assert.DoesNotContain("page-number", html, StringComparison.Ordinal);
    }

    private static JsonArray EmbeddedRows(string html)
    {
        var match = RowsElement().Match(html);
        Assert.True(match.Success, "no embedded rows");
        using var gzip = new GZipStream(new MemoryStream(Convert.FromBase64String(match.Groups[1].Value)), CompressionMode.Decompress);
        return JsonNode.Parse(gzip)!.AsArray();
    }

    /// <summary>The plots' options, one per line of <c>var astrolabePlots = {…}</c>.</summary>
    private static Dictionary<string, JsonNode> EmbeddedPlots(string html)
    {
        int start = html.IndexOf("var astrolabePlots = {\n", StringComparison.Ordinal);
        int end = html.IndexOf("\n};", start, StringComparison.Ordinal);
        return html[start..end].Split('\n').Skip(1)
            .Select(line => PlotLine().Match(line))
            .ToDictionary(m => m.Groups[1].Value, m => JsonNode.Parse(m.Groups[2].Value)!);
    }

    [GeneratedRegex("<tr class=\"[a-z]+\">")]
    private static partial Regex TableRow();

    [GeneratedRegex("""<script type="application/gzip" id="trial-rows"[^>]*>([A-Za-z0-9+/=]*)</script>""", RegexOptions.Singleline)]
    private static partial Regex RowsElement();

    [GeneratedRegex("""^  "([a-z]+)": (.*),$""")]
    private static partial Regex PlotLine();
}
