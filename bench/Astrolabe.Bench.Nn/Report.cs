using System.Globalization;
using System.Text.Json;

namespace Astrolabe.Bench.Nn;

/// <summary>Joins the two sides' JSON lines into the markdown table run.sh prints.</summary>
internal static class Report
{
    public static void Print(string oursPath, string peerPath)
    {
        var ours = Read(oursPath);
        var peer = Read(peerPath);
        var info = File.ReadLines(peerPath).Select(l => JsonDocument.Parse(l).RootElement).FirstOrDefault(e => e.TryGetProperty("blas", out _));
        double peak = File.ReadLines(oursPath).Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.GetProperty("case").GetString() == "fma_peak").Select(e => e.GetProperty("gflops").GetDouble()).DefaultIfEmpty(double.NaN).Max();
        Console.WriteLine($"Peer: PyTorch {Str(info, "version")}, BLAS {Str(info, "blas")}. Single-core FMA peak measured here by CPU time (best of the start and end of the run): {peak:F1} GFLOP/s ({(System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? "Vector512" : "Vector256")}).");
        Console.WriteLine();
        Console.WriteLine("Wall: median wall-clock time per call. CPU: median process CPU time per call (all threads), which a busy shared machine distorts less.");
        Console.WriteLine();
        Console.WriteLine("| case | threads | Astrolabe.Nn wall | PyTorch wall | speed-up (wall) | Astrolabe.Nn CPU | PyTorch CPU | speed-up (CPU) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var ((name, threads), o) in ours.Where(kv => kv.Key.Name != "fma_peak").OrderBy(kv => kv.Key.Name).ThenBy(kv => kv.Key.Threads))
        {
            peer.TryGetValue((name, threads), out var t);
            double Get(JsonElement e, string key) => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(key, out var v) ? v.GetDouble() : double.NaN;
            if (o.TryGetProperty("gflops", out _))
            {
                double a = Get(o, "gflops"), b = Get(t, "gflops"), ac = Get(o, "cpu_gflops"), bc = Get(t, "cpu_gflops");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} GFLOP/s | {threads} | {a:F1} | {b:F1} | {a / b:F2}× | {ac:F1} per CPU-second ({100 * ac / peak:F0}% of the core peak) | {bc:F1} | {ac / bc:F2}× |"));
            }
            else
            {
                double a = Get(o, "seconds"), b = Get(t, "seconds"), ac = Get(o, "cpu_seconds"), bc = Get(t, "cpu_seconds");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} step | {threads} | {Micro(a)} | {Micro(b)} | {b / a:F2}× | {Micro(ac)} | {Micro(bc)} | {bc / ac:F2}× |"));
            }
        }
    }

    private static string Micro(double s) => s < 1e-3
        ? string.Create(CultureInfo.InvariantCulture, $"{s * 1e6:F0} µs")
        : string.Create(CultureInfo.InvariantCulture, $"{s * 1e3:F2} ms");

    private static string Str(JsonElement e, string key) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(key, out var v) ? v.ToString() : "?";

    private static Dictionary<(string Name, int Threads), JsonElement> Read(string path)
    {
        var d = new Dictionary<(string, int), JsonElement>();
        foreach (var line in File.ReadLines(path))
        {
            var e = JsonDocument.Parse(line).RootElement;
            if (e.TryGetProperty("case", out var c))
            {
                d[(c.GetString()!, e.GetProperty("threads").GetInt32())] = e.Clone();
            }
        }

        return d;
    }
}
