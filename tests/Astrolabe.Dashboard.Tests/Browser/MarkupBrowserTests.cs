using System.Globalization;
using System.Text.Json;

namespace Astrolabe.Dashboard.Tests.Browser;

/// <summary>
/// Names holding markup (<see cref="MarkupStudy"/>) show as text everywhere a page puts them — study list, heading,
/// table header and cells, filter errors, chart tooltips, the report's table pages — and nothing in them runs.
/// </summary>
public sealed class MarkupBrowserTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private readonly InMemoryStorage storage = new();
    private readonly TempDb folder = new();
    private DashboardServer? server;
    private HeadlessBrowser? browser;

    private HeadlessBrowser Browser => browser!;

    public async Task InitializeAsync()
    {
        MarkupStudy.Fill(storage);
        server = await DashboardServer.StartAsync(storage, new DashboardOptions { Port = 0, MaxSnapshotAge = TimeSpan.Zero });
        if (Chromium.Find() is not null || HeadlessBrowser.IsCi)
        {
            browser = await HeadlessBrowser.LaunchAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        if (server is not null)
        {
            await server.DisposeAsync();
        }

        folder.Dispose();
    }

    private static string Js(string text) => JsonSerializer.Serialize(text);

    private async Task<string[]> Texts(string selector) =>
        JsonSerializer.Deserialize<string[]>((await Browser.Evaluate($"JSON.stringify(Array.from(document.querySelectorAll({Js(selector)})).map(e => e.textContent))")).GetString()!)!;

    [ChromiumFact]
    public async Task TheDashboardShowsMarkupAsTextAndRunsNothing()
    {
        await Browser.Navigate(server!.Url.ToString());
        await Browser.WaitFor($"Array.from(document.querySelectorAll('#studies li')).some(li => li.dataset.studyName === {Js(MarkupStudy.Name)})", Wait, "markup-list");
        Assert.StartsWith(MarkupStudy.Name, (await Texts("#studies li")).Single(), StringComparison.Ordinal);

        string id = storage.GetStudyId(MarkupStudy.Name).ToString(CultureInfo.InvariantCulture);
        await Browser.Navigate($"{server.Url}#/study/{id}");
        await Browser.WaitFor(
            $"document.body.dataset.plotsStudy === '{id}' && document.body.dataset.tableStudy === '{id}' && document.querySelectorAll('#table tbody tr').length === 12",
            Wait,
            "markup-study");
        await MarkupStudy.AssertNothingRan(Browser);
        Assert.Equal(MarkupStudy.Name, (await Texts("#study-name")).Single());
        Assert.Contains(MarkupStudy.Param, await Texts("#table th"));
        Assert.Contains(MarkupStudy.Choice, await Texts("#table td"));

        // Sorting by the column round-trips its name through the page and the API.
        await Browser.Evaluate($"Array.from(document.querySelectorAll('#table th')).find(th => th.dataset.col === {Js(MarkupStudy.Param)}).click()");
        await Browser.WaitFor($"document.querySelector('#table th.sorted')?.dataset.col === {Js(MarkupStudy.Param)}", Wait, "markup-sort");

        // The server's error message lists the parameter names.
        await Browser.Evaluate($"document.getElementById('filter').value = {Js("nothing>1")}; document.getElementById('apply').click()");
        var error = await Browser.WaitFor("document.getElementById('error').textContent", Wait, "markup-error");
        Assert.Contains(MarkupStudy.Param, error.GetString(), StringComparison.Ordinal);

        var tooltips = await MarkupStudy.ShowEveryTooltip(Browser);
        Assert.Contains(tooltips, t => t.StartsWith("slice: ", StringComparison.Ordinal) && t.Contains(MarkupStudy.Param, StringComparison.Ordinal));
        Assert.Contains(tooltips, t => t.StartsWith("parallel: ", StringComparison.Ordinal) && t.Contains(MarkupStudy.Choice, StringComparison.Ordinal));
        await Browser.Screenshot("dashboard-markup");
        await MarkupStudy.AssertNothingRan(Browser);
    }

    [ChromiumFact]
    public async Task TheReportShowsMarkupAsTextOnEveryPageAndRunsNothing()
    {
        string report = folder.File("markup.html");
        var study = StudySnapshot.Read(storage, MarkupStudy.Name);
        using (var writer = new StreamWriter(report))
        {
            HtmlReport.Write(study, writer, pageRows: 5);
        }

        await Browser.Navigate(new Uri(report).AbsoluteUri);
        await Browser.WaitFor($"document.body.dataset.plots === '{Dashboard.Plots.For(study).Count}'", Wait, "markup-report");
        await MarkupStudy.AssertNothingRan(Browser);
        Assert.Equal(MarkupStudy.Name, (await Texts("h2")).Single());
        Assert.Contains(MarkupStudy.Param, await Texts("#table th"));
        Assert.Equal(5, (await Texts("#table tbody tr")).Length);

        // Pages two and three are built by the page's script from the embedded rows.
        await Browser.Evaluate("document.getElementById('next').click()");
        await Browser.WaitFor("document.body.dataset.tablePage === '2'", Wait, "markup-report-page");
        Assert.Equal(["5", "6", "7", "8", "9"], (await Texts("#table tbody tr td:first-child")).ToArray());
        Assert.Contains(MarkupStudy.Choice, await Texts("#table td"));
        await Browser.Evaluate("document.getElementById('next').click()");
        await Browser.WaitFor("document.body.dataset.tablePage === '3'", Wait, "markup-report-last-page");
        Assert.Equal(["10", "11"], (await Texts("#table tbody tr td:first-child")).ToArray());
        Assert.True((await Browser.Evaluate("document.getElementById('next').disabled")).GetBoolean());

        var tooltips = await MarkupStudy.ShowEveryTooltip(Browser);
        Assert.Contains(tooltips, t => t.StartsWith("slice: ", StringComparison.Ordinal) && t.Contains(MarkupStudy.Param, StringComparison.Ordinal));
        Assert.Contains(tooltips, t => t.StartsWith("parallel: ", StringComparison.Ordinal) && t.Contains(MarkupStudy.Choice, StringComparison.Ordinal));
        await Browser.Screenshot("report-markup");
        await MarkupStudy.AssertNothingRan(Browser);
    }

    [ChromiumFact]
    public async Task ATooltipFormatterFromAnOptionIsShownAsText()
    {
        await Browser.Navigate(server!.Url.ToString());
        string payload = MarkupStudy.Payload("formatter");
        var text = await Browser.Evaluate($$"""
            (function () {
              var div = document.createElement('div');
              div.style.width = '400px';
              div.style.height = '300px';
              document.body.appendChild(div);
              var chart = astrolabeDraw(div, 'probe', {
                xAxis: { type: 'value' }, yAxis: { type: 'value' }, tooltip: { formatter: {{Js(payload)}} },
                series: [{ type: 'scatter', data: [[1, 2]] }, { type: 'scatter', data: [[2, 3]], tooltip: { formatter: {{Js(payload)}} } }]
              });
              return [0, 1].map(function (i) {
                chart.dispatchAction({ type: 'showTip', seriesIndex: i, dataIndex: 0 });
                return div.querySelector(':scope > div:nth-child(2)').textContent;
              });
            })()
            """);
        Assert.Equal([payload, payload], text.EnumerateArray().Select(t => t.GetString()!).ToArray());
        await MarkupStudy.AssertNothingRan(Browser);
    }
}
