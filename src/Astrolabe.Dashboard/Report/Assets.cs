namespace Astrolabe.Dashboard;

/// <summary>The files embedded in this assembly: the vendored ECharts build and the dashboard's own scripts and styles.</summary>
internal static class Assets
{
    /// <summary>The names of the files the dashboard serves under <c>/assets/</c>, with their content types.</summary>
    public static readonly IReadOnlyDictionary<string, string> Served = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["echarts.min.js"] = "text/javascript; charset=utf-8",
        ["charts.js"] = "text/javascript; charset=utf-8",
        ["dashboard.js"] = "text/javascript; charset=utf-8",
        ["dashboard.css"] = "text/css; charset=utf-8",
        ["LICENSE"] = "text/plain; charset=utf-8",
        ["NOTICE"] = "text/plain; charset=utf-8",
    };

    /// <summary>The text of an embedded file; throws <see cref="FileNotFoundException"/> when there is none.</summary>
    public static string Text(string name)
    {
        using var stream = typeof(Assets).Assembly.GetManifestResourceStream($"Astrolabe.Dashboard.Assets.{name}")
            ?? throw new FileNotFoundException($"No embedded asset '{name}'.", name);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Text safe to place inside a &lt;script&gt; element.</summary>
    public static string ForScript(string text) => text.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);
}
