using System.Text.RegularExpressions;

namespace Astrolabe.Dashboard.Tests.Report;

public sealed partial class HtmlReportTests
{
    [Fact]
    public void TheReportInlinesTheChartLibraryAndHasEveryApplicablePlotAndTrial()
    {
        var study = Trials.Search(30);
        using var writer = new StringWriter();
        HtmlReport.Write(study, writer);
        string html = writer.ToString();
        Assert.Contains("Apache License", html, StringComparison.Ordinal); // ECharts' own header comment, inlined
        Assert.DoesNotMatch(ExternalReference(), html);
        foreach (var plot in Dashboard.Plots.For(study))
        {
            Assert.Contains($"<div id=\"plot-{plot.Kind}\"", html, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("plot-pareto", html, StringComparison.Ordinal);
        Assert.Equal(30, Regex.Matches(html, "<tr class=\"complete\">").Count);
    }

    [Fact]
    public void NamesAreEscaped()
    {
        var study = StudySnapshot.Of("<b>&", [StudyDirection.Minimize], [Trials.Make(0, TrialState.Complete, [1], [("</script>", 0, new CategoricalDistribution(["<i>"]))])]);
        using var writer = new StringWriter();
        HtmlReport.Write(study, writer);
        string html = writer.ToString();
        Assert.Contains("<h2>&lt;b&gt;&amp;</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<td>&lt;i&gt;</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("\"</script>\"", html, StringComparison.Ordinal);
    }

    [GeneratedRegex("<(script|link|img)[^>]+(src|href)=\"https?:", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}
