namespace Astrolabe.Optim;

/// <summary>Process-wide settings of the optimizer kernels.</summary>
public static class KernelOptions
{
    private static int maxDegree = Environment.ProcessorCount;
    private static int minParallelLength = 1 << 17;

    /// <summary>The most threads one kernel call uses (default: the processor count; 1 disables threading).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public static int MaxDegreeOfParallelism
    {
        get => maxDegree;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            maxDegree = value;
        }
    }

    /// <summary>Buffers shorter than this many elements are processed on the calling thread (default 131072).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public static int MinParallelLength
    {
        get => minParallelLength;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            minParallelLength = value;
        }
    }
}
