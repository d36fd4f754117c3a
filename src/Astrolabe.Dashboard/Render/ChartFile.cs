using System.Diagnostics;
using System.Net;
using System.Text;

namespace Astrolabe.Dashboard;

/// <summary>
/// Writes one plot to a file: <c>.html</c> (self-contained, always available), or <c>.svg</c> / <c>.png</c>
/// drawn by ECharts itself in headless Chromium (SVG through ECharts' SVG renderer, PNG as a screenshot of
/// its canvas). Throws <see cref="InvalidOperationException"/> saying how to install Chromium when SVG or PNG
/// is asked for and none is found, and <see cref="ArgumentException"/> for another extension.
/// </summary>
public static class ChartFile
{
    /// <summary>Writes <paramref name="plot"/> of <paramref name="study"/> to <paramref name="path"/>, its format chosen by the extension.</summary>
    public static void Write(StudySnapshot study, Plot plot, string path, int width = 1000, int height = 600)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(plot);
        ArgumentNullException.ThrowIfNull(path);
        string extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is not (".html" or ".svg" or ".png"))
        {
            throw new ArgumentException($"Cannot write a plot as '{extension}': use a file ending in .svg, .png or .html.", nameof(path));
        }

        string option = plot.Option(study).ToJsonString();
        if (extension == ".html")
        {
            File.WriteAllText(path, Page(option, plot.Kind, "canvas", width, height), new UTF8Encoding(false));
            return;
        }

        string chromium = Chromium.Find()
            ?? throw new InvalidOperationException($"Writing {extension} needs headless Chromium, which was not found: install it (Debian: apt-get install chromium, or run .ci/chromium.sh) or set {Chromium.EnvironmentVariable}; or write .html instead.");
        string folder = Directory.CreateTempSubdirectory("astrolabe-plot-").FullName;
        try
        {
            string page = Path.Combine(folder, "plot.html");
            File.WriteAllText(page, Page(option, plot.Kind, extension == ".svg" ? "svg" : "canvas", width, height), new UTF8Encoding(false));
            var args = Chromium.HeadlessFlags(Path.Combine(folder, "profile")).ToList();
            if (extension == ".svg")
            {
                args.Add("--dump-dom");
                args.Add(new Uri(page).AbsoluteUri);
                string dom = Run(chromium, args);
                File.WriteAllText(path, ExtractSvg(dom), new UTF8Encoding(false));
            }
            else
            {
                args.AddRange([$"--screenshot={Path.GetFullPath(path)}", $"--window-size={width},{height}", "--virtual-time-budget=3000", new Uri(page).AbsoluteUri]);
                Run(chromium, args);
                if (!File.Exists(path))
                {
                    throw new InvalidOperationException($"Chromium did not write the screenshot {path}.");
                }
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A page that draws one chart and, for SVG, puts ECharts' SVG text into <c>#svg</c>.</summary>
    internal static string Page(string option, string kind, string renderer, int width, int height) => $$"""
        <!DOCTYPE html>
        <html><head><meta charset="utf-8"><style>html,body{margin:0;background:#fff}</style>
        <script>{{Assets.ForScript(Assets.Text("echarts.min.js"))}}</script>
        <script>{{Assets.ForScript(Assets.Text("charts.js"))}}</script></head>
        <body><div id="chart" style="width:{{width}}px;height:{{height}}px"></div><pre id="svg" hidden></pre>
        <script>
        var chart = astrolabeDraw(document.getElementById('chart'), '{{kind}}', {{option}}, '{{renderer}}');
        if ('{{renderer}}' === 'svg') { document.getElementById('svg').textContent = chart.renderToSVGString(); }
        </script></body></html>
        """;

    private static string ExtractSvg(string dom)
    {
        const string open = "<pre id=\"svg\" hidden=\"\">";
        int start = dom.IndexOf(open, StringComparison.Ordinal);
        int end = start < 0 ? -1 : dom.IndexOf("</pre>", start, StringComparison.Ordinal);
        string svg = end < 0 ? "" : WebUtility.HtmlDecode(dom[(start + open.Length)..end]);
        if (!svg.StartsWith("<svg", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Chromium did not return the chart's SVG.");
        }

        return svg;
    }

    private static string Run(string executable, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Cannot start {executable}.");
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("Chromium did not finish within 60 s.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"Chromium failed (exit code {process.ExitCode}): {stderr.Result}");
        }

        return stdout;
    }
}
