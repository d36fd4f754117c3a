using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text.Json;

namespace Astrolabe.Dashboard;

/// <summary>
/// The report's trial table, in number order. The first <see cref="PageRows"/> trials are plain HTML rows, so a
/// small study's table is complete without any script. A larger study also carries every trial's cells, packed in a
/// data element that is unpacked only when the reader turns a page, and a pager that <c>report.js</c> drives: opening
/// the file lays out one page, not a hundred thousand rows.
/// </summary>
internal static class ReportTable
{
    /// <summary>The rows of one page.</summary>
    public const int PageRows = 100;

    public static void Write(StudySnapshot study, TextWriter writer, int pageRows = PageRows)
    {
        var names = study.ParamNames();
        int objectives = study.Directions.Count;
        int total = study.Trials.Count;
        bool paged = total > pageRows;
        if (paged)
        {
            int pages = (total + pageRows - 1) / pageRows;
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"""
                <div id="pager"><button id="prev" disabled>&lt;</button> page <input id="page-number" type="number" min="1" max="{pages}" value="1"> of {pages} <button id="next">&gt;</button> <span id="rows">trials 1–{pageRows} of {total}</span></div>

                """));
        }

        writer.Write("<table id=\"table\"><thead><tr><th>number</th><th>state</th>");
        for (int i = 0; i < objectives; i++)
        {
            writer.Write(objectives == 1 ? "<th>value</th>" : $"<th>value{i}</th>");
        }

        foreach (string name in names)
        {
            writer.Write($"<th>{WebUtility.HtmlEncode(name)}</th>");
        }

        writer.Write("<th>duration</th></tr></thead>\n<tbody>\n");
        foreach (var t in study.Trials.Take(pageRows))
        {
            var cells = Cells(t, objectives, names);
            writer.Write($"<tr class=\"{cells[1]}\">");
            foreach (string cell in cells)
            {
                writer.Write($"<td>{WebUtility.HtmlEncode(cell)}</td>");
            }

            writer.Write("</tr>\n");
        }

        writer.Write("</tbody></table>\n");
        if (paged)
        {
            WriteRows(study, writer, pageRows, objectives, names);
        }
    }

    /// <summary>
    /// Every trial's cells as a JSON array of arrays of strings, gzipped and in base64: a third of the JSON's size for
    /// the browser to parse while it opens the file (no character of base64 can close the element).
    /// </summary>
    private static void WriteRows(StudySnapshot study, TextWriter writer, int pageRows, int objectives, IReadOnlyList<string> names)
    {
        using var packed = new MemoryStream();
        using (var gzip = new GZipStream(packed, CompressionLevel.Optimal, leaveOpen: true))
        using (var json = new Utf8JsonWriter(gzip))
        {
            json.WriteStartArray();
            foreach (var t in study.Trials)
            {
                json.WriteStartArray();
                foreach (string cell in Cells(t, objectives, names))
                {
                    json.WriteStringValue(cell);
                }

                json.WriteEndArray();
            }

            json.WriteEndArray();
        }

        writer.Write(string.Create(CultureInfo.InvariantCulture, $"<script type=\"application/gzip\" id=\"trial-rows\" data-page-rows=\"{pageRows}\" data-total=\"{study.Trials.Count}\">"));
        writer.Write(Convert.ToBase64String(packed.GetBuffer(), 0, (int)packed.Length));
        writer.Write("</script>\n<script>");
        writer.Write(Assets.ForScript(Assets.Text("report.js")));
        writer.Write("</script>\n");
    }

    /// <summary>A trial's cells as text: number, state, each objective value, each parameter, duration.</summary>
    private static string[] Cells(FrozenTrial t, int objectives, IReadOnlyList<string> names)
    {
        var cells = new string[3 + objectives + names.Count];
        cells[0] = t.Number.ToString(CultureInfo.InvariantCulture);
        cells[1] = t.State.ToString().ToLowerInvariant();
        for (int i = 0; i < objectives; i++)
        {
            cells[2 + i] = t.Values is { } v && i < v.Count ? Cell.Number(v[i]) : "";
        }

        for (int i = 0; i < names.Count; i++)
        {
            cells[2 + objectives + i] = t.Params.TryGetValue(names[i], out var p) ? Cell.Param(p) : "";
        }

        cells[^1] = t.Duration is { } d ? Cell.Number(d.TotalSeconds) + "s" : "";
        return cells;
    }
}
