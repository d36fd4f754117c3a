using System.Globalization;

namespace Astrolabe;

/// <summary>
/// Reads the energy the CPU packages used, in joules, from the Linux powercap RAPL counters: every top-level
/// domain under the root (<c>intel-rapl:0</c>, <c>intel-rapl:1</c>, …; AMD's are named the same) with its
/// <c>energy_uj</c> and <c>max_energy_range_uj</c>. A counter that wrapped since the last read adds the range.
/// <see cref="TryOpen"/> returns null, with the reason, when none is readable (no such files, or not allowed: they
/// are readable by root only on most systems since 2020). Not thread-safe; the caller locks.
/// </summary>
internal sealed class RaplMeter
{
    private readonly (string Energy, double Range)[] domains;
    private readonly double[] last;
    private double total;

    private RaplMeter((string Energy, double Range)[] domains, double[] first)
    {
        this.domains = domains;
        last = first;
    }

    /// <summary>The meter over the package domains under <paramref name="root"/>, or null and why not.</summary>
    public static RaplMeter? TryOpen(string root, out string? reason)
    {
        reason = null;
        try
        {
            var found = Directory.Exists(root)
                ? Directory.GetDirectories(root, "intel-rapl:*").Where(d => Path.GetFileName(d).Count(c => c == ':') == 1).Order(StringComparer.Ordinal).ToArray()
                : [];
            if (found.Length == 0)
            {
                reason = $"no RAPL package counters under {root}";
                return null;
            }

            var domains = found.Select(d => (Path.Combine(d, "energy_uj"), ReadMicrojoules(Path.Combine(d, "max_energy_range_uj")))).ToArray();
            var first = domains.Select(d => ReadMicrojoules(d.Item1)).ToArray();
            return new RaplMeter(domains, first);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            reason = $"the RAPL counters under {root} cannot be read ({e.Message.TrimEnd('.')})";
            return null;
        }
    }

    /// <summary>Joules used since the meter was opened; null once a counter can no longer be read.</summary>
    public double? Joules()
    {
        try
        {
            for (int i = 0; i < domains.Length; i++)
            {
                double now = ReadMicrojoules(domains[i].Energy);
                double delta = now - last[i];
                total += (delta >= 0 ? delta : delta + domains[i].Range) / 1e6;
                last[i] = now;
            }

            return total;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    private static double ReadMicrojoules(string path) =>
        double.Parse(File.ReadAllText(path).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture);
}
