using System.Globalization;
using System.Text.Json;

namespace Astrolabe.Bench.Sequence;

/// <summary>Joins both sides' JSON lines (several rounds per case) into a markdown table of medians and ratios.</summary>
internal static class SequenceReport
{
    public static void Print(string oursPath, string peerPath)
    {
        var ours = Read(oursPath);
        var peer = Read(peerPath);
        var info = File.ReadLines(peerPath).Select(l => JsonDocument.Parse(l).RootElement).FirstOrDefault(e => e.TryGetProperty("blas", out _));
        Console.WriteLine($"Peer: PyTorch {Str(info, "version")}, BLAS {Str(info, "blas")}; rounds alternate between the two sides; medians over rounds.");
        Console.WriteLine();
        Console.WriteLine("| case | threads | rounds | Astrolabe.Nn wall | PyTorch wall | speed-up (wall) | Astrolabe.Nn CPU | PyTorch CPU | speed-up (CPU) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (key, o) in ours.OrderBy(kv => kv.Key.Name).ThenBy(kv => kv.Key.Threads))
        {
            var p = peer.GetValueOrDefault(key) ?? [];
            double a = Median(o, 0), b = Median(p, 0), ac = Median(o, 1), bc = Median(p, 1);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {key.Name} | {key.Threads} | {o.Count} | {Ms(a)} | {Ms(b)} | {b / a:F2}× | {Ms(ac)} | {Ms(bc)} | {bc / ac:F2}× |"));
        }
    }

    private static double Median(List<double[]> rows, int column)
    {
        if (rows.Count == 0)
        {
            return double.NaN;
        }

        var v = rows.Select(r => r[column]).Order().ToArray();
        return v.Length % 2 == 1 ? v[v.Length / 2] : (v[(v.Length / 2) - 1] + v[v.Length / 2]) / 2;
    }

    private static string Ms(double s) => string.Create(CultureInfo.InvariantCulture, $"{s * 1e3:F2} ms");

    private static string Str(JsonElement e, string key) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(key, out var v) ? v.ToString() : "?";

    private static Dictionary<(string Name, int Threads), List<double[]>> Read(string path)
    {
        var d = new Dictionary<(string, int), List<double[]>>();
        foreach (var line in File.ReadLines(path))
        {
            var e = JsonDocument.Parse(line).RootElement;
            if (e.TryGetProperty("case", out var c))
            {
                var key = (c.GetString()!, e.GetProperty("threads").GetInt32());
                if (!d.TryGetValue(key, out var list))
                {
                    d[key] = list = [];
                }

                list.Add([e.GetProperty("seconds").GetDouble(), e.GetProperty("cpu_seconds").GetDouble()]);
            }
        }

        return d;
    }
}
