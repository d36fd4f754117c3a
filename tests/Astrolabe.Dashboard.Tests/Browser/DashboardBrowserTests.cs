using System.Diagnostics;
using System.Globalization;

namespace Astrolabe.Dashboard.Tests.Browser;

public sealed class DashboardBrowserTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private HeadlessBrowser Browser => fixture.Browser;

    private async Task OpenStudy(string name)
    {
        int id = fixture.Storage.GetStudyId(name);
        await Browser.Navigate($"{fixture.Server.Url}#/study/{id}");
        string study = id.ToString(CultureInfo.InvariantCulture);
        await Browser.WaitFor(
            $"document.body.dataset.plotsStudy === '{study}' && document.body.dataset.tableStudy === '{study}' && document.getElementById('study-name').textContent === {Js(name)} && document.querySelectorAll('#table tbody tr').length > 0",
            Wait,
            $"open-{name}");
    }

    private static string Js(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    [ChromiumFact]
    public async Task TheDashboardListsTheStudies()
    {
        await Browser.Navigate(fixture.Server.Url.ToString());
        var names = await Browser.WaitFor(
            "Array.from(document.querySelectorAll('#studies li')).map(li => li.dataset.studyName).join(',')", Wait, "studies");
        Assert.Equal("quadratic,live", names.GetString());
        await Browser.Screenshot("dashboard-studies");
    }

    [ChromiumFact]
    public async Task TheHistoryPlotRendersOnePointPerCompleteTrial()
    {
        await OpenStudy("quadratic");
        var drawn = await Browser.WaitFor("astrolabeRendered('history', 'value') > 0 && astrolabeRendered('history', 'value')", Wait, "history");
        Assert.Equal(DashboardFixture.Complete, drawn.GetInt32());
        var plots = await Browser.Evaluate("Object.keys(astrolabeCharts).sort().join(',')");
        Assert.Equal("contour,edf,history,importance,intermediate,parallel,rank,slice,terminator,timeline", plots.GetString());
        Assert.Empty(Browser.PageErrors);
        Assert.Empty(await Browser.CspViolations()); // ECharts draws under the policy: no eval, no inline script
        await Browser.Screenshot("dashboard-study");
    }

    [ChromiumFact]
    public async Task ThePageRefusesInlineScript()
    {
        await Browser.Navigate($"{fixture.Server.Url}?inline-script"); // a document of its own: the other tests' pages record no violation
        await Browser.Evaluate("var s = document.createElement('script'); s.textContent = 'window.inlineRan = true'; document.body.appendChild(s)");
        Assert.Equal(System.Text.Json.JsonValueKind.Undefined, (await Browser.Evaluate("window.inlineRan")).ValueKind);
        var violations = await Browser.WaitFor("window.astrolabeCspViolations.join(',')", Wait, "csp");
        Assert.StartsWith("script-src", violations.GetString(), StringComparison.Ordinal);
    }

    [ChromiumFact]
    public async Task ATrialAppearsWithinSecondsOfBeingTold()
    {
        await OpenStudy("live");
        int before = (await Browser.Evaluate("Number(document.getElementById('matched').dataset.matched)")).GetInt32();

        // Another writer (as a worker process would) adds a trial to the same file.
        using var writer = new SqliteStorage(fixture.DbPath);
        var study = Study.Load("live", writer);
        var trial = study.Ask();
        trial.SuggestFloat("x", -2, 2);
        study.Tell(trial, 0.25);
        var clock = Stopwatch.StartNew();
        string number = trial.Number.ToString(CultureInfo.InvariantCulture);
        await Browser.WaitFor($"document.querySelector('#table tbody tr[data-number=\"{number}\"]') !== null", TimeSpan.FromSeconds(5), "live");
        clock.Stop();
        Assert.Equal(before + 1, (await Browser.Evaluate("Number(document.getElementById('matched').dataset.matched)")).GetInt32());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"the trial appeared after {clock.Elapsed}");
        await Browser.Screenshot("dashboard-live");
    }

    [ChromiumFact]
    public async Task TheTableSortsAndFilters()
    {
        await OpenStudy("quadratic");
        const string firstValues = "Array.from(document.querySelectorAll('#table tbody tr')).map(tr => tr.children[2].textContent)";

        // Sort by value, then click again for descending.
        await Browser.Evaluate("document.querySelector('#table th[data-col=\"value\"]').click()");
        await Browser.WaitFor("document.querySelector('#table th.sorted')?.dataset.col === 'value' && !document.querySelector('#table th.sorted.desc')", Wait, "sort-asc");
        await Browser.Evaluate("document.querySelector('#table th[data-col=\"value\"]').click()");
        await Browser.WaitFor("document.querySelector('#table th.sorted.desc')?.dataset.col === 'value'", Wait, "sort-desc");
        var shown = (await Browser.Evaluate(firstValues + ".filter(v => v !== '').map(Number)")).EnumerateArray().Select(v => v.GetDouble()).ToList();
        var expected = fixture.Storage.GetAllTrials(fixture.Storage.GetStudyId("quadratic"))
            .Where(t => t.Values is not null).Select(t => t.Values![0]).OrderByDescending(v => v).ToList();
        Assert.Equal(expected.Count, shown.Count);
        Assert.Equal(expected, shown, (a, b) => Math.Abs(a - b) <= 1e-5 * Math.Max(1, Math.Abs(a)));
        await Browser.Screenshot("dashboard-sorted");

        // Filter to the pruned trials.
        await Browser.Evaluate($"document.getElementById('filter').value = {Js("state=pruned")}; document.getElementById('apply').click()");
        await Browser.WaitFor("document.getElementById('matched').dataset.matched === '3'", Wait, "filter-pruned");
        var states = await Browser.Evaluate("Array.from(document.querySelectorAll('#table tbody tr')).map(tr => tr.className).join(',')");
        Assert.Equal("pruned,pruned,pruned", states.GetString());

        // A bad filter shows the server's message.
        await Browser.Evaluate($"document.getElementById('filter').value = {Js("speed>1")}; document.getElementById('apply').click()");
        var error = await Browser.WaitFor("document.getElementById('error').textContent", Wait, "filter-error");
        Assert.StartsWith("Unknown column 'speed'", error.GetString(), StringComparison.Ordinal);
        await Browser.Screenshot("dashboard-filtered");
    }
}
