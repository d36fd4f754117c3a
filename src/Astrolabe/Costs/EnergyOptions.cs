namespace Astrolabe;

/// <summary>
/// How a study turns the compute of its trials into energy and emissions. Energy is measured by RAPL (the
/// package counters under <see cref="PowercapRoot"/>, Intel and AMD) where they are readable, and otherwise
/// estimated with CodeCarbon's fallback model: CPU seconds × <see cref="CpuTdpWatts"/> / <see cref="CpuCores"/>, plus
/// <see cref="DramWattsPerGb"/> for the process's memory over the trial's wall time. Emissions are energy ×
/// <see cref="GridIntensity"/>.
/// </summary>
public sealed record EnergyOptions
{
    /// <summary>Where the RAPL counters are (default <c>/sys/class/powercap</c>).</summary>
    public string PowercapRoot { get; init; } = "/sys/class/powercap";

    /// <summary>The CPU's thermal design power for the estimate (default 85 W, CodeCarbon's for an unknown CPU).</summary>
    public double CpuTdpWatts { get; init; } = 85;

    /// <summary>The cores the TDP is shared by (default: the logical processors this process sees).</summary>
    public int CpuCores { get; init; } = Environment.ProcessorCount;

    /// <summary>Memory power per GB for the estimate (default 0.375 W, CodeCarbon's 3 W per 8 GB).</summary>
    public double DramWattsPerGb { get; init; } = 0.375;

    /// <summary>
    /// Grams of CO₂-equivalent per kWh (default 475, the world average CodeCarbon falls back to, from the IEA's
    /// figures); set your grid's.
    /// </summary>
    public double GridIntensity { get; init; } = 475;

    internal void Validate()
    {
        if (!(CpuTdpWatts > 0) || double.IsInfinity(CpuTdpWatts))
        {
            throw new ArgumentException($"CpuTdpWatts must be a positive number of watts, not {CpuTdpWatts}.");
        }

        if (CpuCores < 1)
        {
            throw new ArgumentException($"CpuCores must be at least 1, not {CpuCores}.");
        }

        if (!(DramWattsPerGb >= 0) || double.IsInfinity(DramWattsPerGb))
        {
            throw new ArgumentException($"DramWattsPerGb must be zero or a positive number of watts, not {DramWattsPerGb}.");
        }

        if (!(GridIntensity > 0) || double.IsInfinity(GridIntensity))
        {
            throw new ArgumentException($"GridIntensity must be a positive number of grams CO2e per kWh, not {GridIntensity}.");
        }

        ArgumentException.ThrowIfNullOrEmpty(PowercapRoot);
    }
}
