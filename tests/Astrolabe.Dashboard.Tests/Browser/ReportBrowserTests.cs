namespace Astrolabe.Dashboard.Tests.Browser;

public sealed class ReportBrowserTests
{
    [ChromiumFact]
    public async Task TheReportOpensOfflineAndShowsEveryPlot()
    {
        using var db = new TempDb();
        string report = db.File("report.html");
        StudySnapshot study;
        using (var storage = new SqliteStorage(db.Path))
        {
            TempDb.Fill(storage, "single", complete: 20);
            study = StudySnapshot.Read(storage, "single");
            HtmlReport.WriteFile(study, report);
            var multi = Study.Create(new StudyOptions { StudyName = "multi", Storage = storage, Directions = [StudyDirection.Minimize, StudyDirection.Minimize] });
            for (int i = 0; i < 15; i++)
            {
                var t = multi.Ask();
                double x = t.SuggestFloat("x", 0, 1);
                multi.Tell(t, [x, (1 - x) * (1 - x)]);
            }

            HtmlReport.WriteFile(StudySnapshot.Read(storage, "multi"), db.File("multi.html"));
        }

        await using var browser = await HeadlessBrowser.LaunchAsync();
        await browser.GoOffline();
        await browser.Navigate(new Uri(report).AbsoluteUri);
        var expected = Dashboard.Plots.For(study).Select(p => p.Kind).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(10, expected.Count); // with the terminator improvement (20 Complete trials), the importances and the rank plot
        await browser.WaitFor($"document.body.dataset.plots === '{expected.Count}'", TimeSpan.FromSeconds(15), "report");
        var drawn = await browser.Evaluate(
            "Object.keys(astrolabeCharts).sort().filter(k => document.querySelector('#plot-' + k + ' canvas')?.width > 0).join(',')");
        Assert.Equal(string.Join(",", expected), drawn.GetString());
        Assert.Equal(20, (await browser.Evaluate("astrolabeRendered('history', 'value')")).GetInt32());
        Assert.Equal(0, (await browser.Evaluate("performance.getEntriesByType('resource').filter(r => !r.name.startsWith('file:')).length")).GetInt32());
        Assert.Empty(browser.PageErrors);
        await browser.Screenshot("report-single");

        await browser.Navigate(new Uri(db.File("multi.html")).AbsoluteUri);
        await browser.WaitFor("document.body.dataset.plots", TimeSpan.FromSeconds(15), "report-multi");
        Assert.True((await browser.Evaluate("astrolabeRendered('pareto', 'front')")).GetInt32() > 0);
        Assert.Empty(browser.PageErrors);
        await browser.Screenshot("report-multi");
    }
}
