using System.Text.Json;

namespace Astrolabe.Dashboard.Tests.Browser;

/// <summary>
/// A study whose every user-chosen string carries markup: its name, a parameter name, a categorical choice, user
/// attribute keys and values, and the worker id the timeline shows. Each payload is an image whose source is a
/// probe address and whose onerror handler records it: if a page ever parses one as HTML, the image element
/// exists, its request goes out and (without a CSP) the handler runs. <see cref="AssertNothingRan"/> checks all three.
/// </summary>
internal static class MarkupStudy
{
    public const string Probe = "xss-probe-";

    public static readonly string Name = Payload("study");

    public static readonly string Param = Payload("param");

    public static readonly string Choice = Payload("choice");

    public static readonly string Worker = Payload("worker");

    /// <summary>Markup that, parsed as HTML, requests <see cref="Probe"/>+tag and appends the tag to window.astrolabeXss.</summary>
    public static string Payload(string tag) =>
        $"<img src=\"{Probe}{tag}\" onerror=\"window.astrolabeXss=(window.astrolabeXss||[]).concat('{tag}')\"><b>{tag}</b>";

    /// <summary>Writes the study (12 trials: complete, pruned and failed, with reports) into <paramref name="storage"/>.</summary>
    public static void Fill(IStorage storage)
    {
        var study = Study.Create(new StudyOptions { StudyName = Name, Storage = storage, Sampler = new RandomSampler(new RandomSamplerOptions { Seed = 3 }) });
        study.SetUserAttr(Payload("study-attr-key"), Payload("study-attr-value"));
        for (int i = 0; i < 12; i++)
        {
            var t = study.Ask();
            double x = t.SuggestFloat(Param, -1, 1);
            string act = t.SuggestCategorical("act", new[] { Choice });
            int y = t.SuggestInt("y", 0, 3);
            t.SetUserAttr(Payload("attr-key"), Payload("attr-value"));
            t.SetSystemAttr(TimelinePlot.WorkerIdKey, i % 2 == 0 ? Worker : "plain worker");
            double value = (x * x) + y + act.Length;
            t.Report(value + 1, 0);
            if (i == 10)
            {
                study.Tell(t, TrialState.Pruned);
                continue;
            }

            if (i == 11)
            {
                study.Tell(t, TrialState.Fail);
                continue;
            }

            t.Report(value, 1);
            study.Tell(t, value);
        }
    }

    /// <summary>
    /// Shows the tooltip of the first item of every series of every chart, as hovering would, and returns each
    /// tooltip's text prefixed with the chart's kind. ECharts cannot show a parallel series' tooltip by index, so
    /// the mouse is moved onto the first line of the parallel plot instead.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ShowEveryTooltip(HeadlessBrowser browser)
    {
        var texts = JsonSerializer.Deserialize<List<string>>((await browser.Evaluate("""
            JSON.stringify(Object.keys(astrolabeCharts).sort().flatMap(function (kind) {
              var chart = astrolabeCharts[kind];
              var shown = chart.getModel().getSeries().filter(function (s) { return s.type !== 'series.parallel' && s.getData().count() > 0; }).map(function (s) {
                chart.dispatchAction({ type: 'showTip', seriesIndex: s.seriesIndex, dataIndex: 0 });
                var tip = chart.getDom().querySelector(':scope > div:nth-child(2)');
                return kind + ': ' + (tip ? tip.textContent : '');
              });
              chart.dispatchAction({ type: 'hideTip' });
              return shown;
            }))
            """)).GetString()!)!;
        if ((await browser.Evaluate("'parallel' in astrolabeCharts")).GetBoolean())
        {
            texts.Add("parallel: " + await HoverTheFirstParallelLine(browser));
        }

        return texts;
    }

    /// <summary>
    /// Moves the mouse onto the middle of the first line's first segment of the parallel plot until its tooltip shows
    /// (the position is found again before each move, in case the page moved) and returns the tooltip's text.
    /// </summary>
    private static async Task<string> HoverTheFirstParallelLine(HeadlessBrowser browser)
    {
        const string locate = """
            (function () {
              var chart = astrolabeCharts.parallel;
              chart.getDom().scrollIntoView();
              var series = chart.getModel().getSeriesByIndex(0), data = series.getData(), axes = series.coordinateSystem.dimensions;
              var ends = axes.slice(0, 2).map(function (dim) { return series.coordinateSystem.dataToPoint(data.get(data.mapDimension(dim), 0), dim); });
              var box = chart.getDom().getBoundingClientRect();
              return [box.left + (ends[0][0] + ends[1][0]) / 2, box.top + (ends[0][1] + ends[1][1]) / 2];
            })()
            """;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (int attempt = 0; ; attempt++)
        {
            var at = await browser.Evaluate(locate);
            await browser.Send("Input.dispatchMouseEvent", new System.Text.Json.Nodes.JsonObject
            {
                ["type"] = "mouseMoved",
                ["x"] = at[0].GetDouble(),
                ["y"] = at[1].GetDouble() + (attempt % 3) - 1,
            });
            string text = (await browser.Evaluate("astrolabeCharts.parallel.getDom().querySelector(':scope > div:nth-child(2)')?.textContent || ''")).GetString()!;
            if (text.Length > 0)
            {
                return text;
            }

            if (clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                await browser.Screenshot("parallel-tooltip");
                throw new TimeoutException($"No tooltip on the parallel plot after {attempt + 1} mouse moves.");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Fails when any payload was parsed as HTML on the current page: an image element exists, a probe address was
    /// requested (a probe's name in a query string, as in a sort by that column, is data), a handler ran, or the page
    /// broke its Content-Security-Policy or threw.
    /// </summary>
    public static async Task AssertNothingRan(HeadlessBrowser browser)
    {
        string parsed = (await browser.Evaluate("Array.from(document.querySelectorAll('img, b')).map(e => e.outerHTML).join(' ')")).GetString()!;
        Assert.True(parsed.Length == 0, $"Markup from the storage was parsed as HTML: {parsed}");
        var ran = await browser.Evaluate("window.astrolabeXss");
        Assert.True(ran.ValueKind == JsonValueKind.Undefined, $"Handlers from the storage ran: {ran}");
        Assert.DoesNotContain(browser.Requests, url => Uri.TryCreate(url, UriKind.Absolute, out var u) && u.AbsolutePath.Contains(Probe, StringComparison.Ordinal));
        Assert.Empty(await browser.CspViolations());
        Assert.Empty(browser.PageErrors);
    }
}
