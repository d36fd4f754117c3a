using System.Globalization;

namespace Astrolabe;

/// <summary>
/// What one trial cost, as a study's <c>Optimize</c> records it in the trial's system attribute <see cref="AttributeKey"/> (every storage keeps it): wall seconds,
/// process CPU seconds spent while it ran (threads included; shared equally among trials running at the same time
/// in the process), energy in joules with its method, grams of CO₂-equivalent and the peak managed memory. <see cref="Flops"/> is what the
/// objective recorded as <see cref="FlopsKey"/> (a model search does), or null.
/// </summary>
/// <param name="WallSeconds">Wall-clock seconds from the trial's start to its end.</param>
/// <param name="CpuSeconds">Process CPU seconds attributed to the trial.</param>
/// <param name="EnergyJoules">Energy attributed to the trial.</param>
/// <param name="Method">Whether <paramref name="EnergyJoules"/> was measured or estimated.</param>
/// <param name="Co2eGrams">Emissions for that energy at the study's grid intensity.</param>
/// <param name="Flops">Floating-point operations the objective recorded, or null.</param>
public sealed record TrialCost(double WallSeconds, double CpuSeconds, double EnergyJoules, EnergyMethod Method, double Co2eGrams, long? Flops = null)
{
    /// <summary>
    /// The largest managed-heap size of the process seen while the trial ran, in bytes (shared with the trials that
    /// ran at the same time), or null when not recorded.
    /// </summary>
    public long? PeakManagedBytes { get; init; }

    /// <summary>The process that ran the trial (<c>host:pid</c>), for totals per worker, or null when not recorded.</summary>
    public string? Worker { get; init; }

    /// <summary>The system attribute that holds the cost.</summary>
    public const string AttributeKey = "cost";

    /// <summary>The system attribute an objective sets to the floating-point operations it ran (a number).</summary>
    public const string FlopsKey = "cost:flops";

    /// <summary>The cost a trial recorded, or null (not run by <c>Optimize</c>, or by an older version).</summary>
    public static TrialCost? Of(FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        long? flops = FlopsOf(trial);
        if (!trial.SystemAttrs.TryGetValue(AttributeKey, out var stored) || stored is not IReadOnlyDictionary<string, object?> d)
        {
            return null;
        }

        double Number(string key) => d.TryGetValue(key, out var v) && v is not null ? Convert.ToDouble(v, CultureInfo.InvariantCulture) : 0;
        var method = d.TryGetValue("energy_method", out var m) && m is "rapl" ? EnergyMethod.Rapl : EnergyMethod.Estimated;
        long? peak = d.TryGetValue("peak_managed_bytes", out var p) && p is not null ? Convert.ToInt64(p, CultureInfo.InvariantCulture) : null;
        return new TrialCost(Number("wall_s"), Number("cpu_s"), Number("energy_j"), method, Number("co2e_g"), flops)
        {
            PeakManagedBytes = peak,
            Worker = d.TryGetValue("worker", out var w) ? w as string : null,
        };
    }

    /// <summary>The floating-point operations a trial recorded as <see cref="FlopsKey"/>, or null.</summary>
    internal static long? FlopsOf(FrozenTrial trial) =>
        trial.SystemAttrs.TryGetValue(FlopsKey, out var f) && f is not null ? Convert.ToInt64(f, CultureInfo.InvariantCulture) : null;

    /// <summary>
    /// The attribute's value: a dictionary with wall_s, cpu_s, energy_j, energy_method ("rapl" or "estimated"), co2e_g
    /// and, when known, peak_managed_bytes and worker.
    /// </summary>
    internal Dictionary<string, object?> ToAttribute()
    {
        var attribute = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["wall_s"] = WallSeconds,
            ["cpu_s"] = CpuSeconds,
            ["energy_j"] = EnergyJoules,
            ["energy_method"] = Method == EnergyMethod.Rapl ? "rapl" : "estimated",
            ["co2e_g"] = Co2eGrams,
        };
        if (PeakManagedBytes is { } peak)
        {
            attribute["peak_managed_bytes"] = peak;
        }

        if (Worker is not null)
        {
            attribute["worker"] = Worker;
        }

        return attribute;
    }
}
