using System.Net;

namespace Astrolabe.Dashboard;

/// <summary>The report's trial table: every trial, in number order, as plain HTML rows.</summary>
internal static class ReportTable
{
    public static void Write(StudySnapshot study, TextWriter writer)
    {
        var names = study.ParamNames();
        int objectives = study.Directions.Count;
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
        foreach (var t in study.Trials)
        {
            string state = t.State.ToString().ToLowerInvariant();
            writer.Write($"<tr class=\"{state}\"><td>{t.Number}</td><td>{state}</td>");
            for (int i = 0; i < objectives; i++)
            {
                writer.Write($"<td>{(t.Values is { } v && i < v.Count ? Cell.Number(v[i]) : "")}</td>");
            }

            foreach (string name in names)
            {
                writer.Write($"<td>{(t.Params.TryGetValue(name, out var p) ? WebUtility.HtmlEncode(Cell.Param(p)) : "")}</td>");
            }

            writer.Write($"<td>{(t.Duration is { } d ? Cell.Number(d.TotalSeconds) + "s" : "")}</td></tr>\n");
        }

        writer.Write("</tbody></table>\n");
    }
}
