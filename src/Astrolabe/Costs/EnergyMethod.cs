namespace Astrolabe;

/// <summary>How a trial's energy was obtained.</summary>
public enum EnergyMethod
{
    /// <summary>Measured by the CPU packages' RAPL counters (machine-wide, shared among the trials running then).</summary>
    Rapl,

    /// <summary>Estimated from CPU seconds and memory (<see cref="EnergyOptions"/>); not a measurement.</summary>
    Estimated,
}
