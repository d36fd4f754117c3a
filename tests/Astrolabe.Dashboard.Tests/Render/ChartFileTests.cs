using Astrolabe.Dashboard.Tests.Browser;

namespace Astrolabe.Dashboard.Tests.Render;

/// <summary>A plot written to a file keeps names holding markup as text: escaped in SVG, JSON-escaped in HTML.</summary>
public sealed class ChartFileTests : IDisposable
{
    private readonly TempDb folder = new();

    private static StudySnapshot Markup()
    {
        var storage = new InMemoryStorage();
        MarkupStudy.Fill(storage);
        return StudySnapshot.Read(storage, MarkupStudy.Name);
    }

    public void Dispose() => folder.Dispose();

    [ChromiumFact]
    public void AnSvgCarriesNamesAsEscapedText()
    {
        string svg = folder.File("slice.svg");
        ChartFile.Write(Markup(), new SlicePlot(), svg);
        string text = File.ReadAllText(svg);
        Assert.StartsWith("<svg", text, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=&quot;xss-probe-param&quot;", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", text, StringComparison.Ordinal);
    }

    [Fact]
    public void AnHtmlPlotCarriesNamesOnlyInsideEscapedJson()
    {
        string html = folder.File("slice.html");
        ChartFile.Write(Markup(), new SlicePlot(), html);
        string text = File.ReadAllText(html);
        Assert.Contains("\\u003Cimg src=\\u0022xss-probe-param", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=\"" + MarkupStudy.Probe, text, StringComparison.Ordinal); // the inlined ECharts has an <img of its own
        Assert.DoesNotContain("<b>param", text, StringComparison.Ordinal);
    }
}
