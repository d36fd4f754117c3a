namespace Astrolabe.Nn;

/// <summary>How many threads the kernels (GEMM, convolution) may use for large shapes.</summary>
public static class KernelThreads
{
    private static int s_max = Environment.ProcessorCount;

    /// <summary>The most threads one kernel call uses (default: the processor count; 1 makes everything serial).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public static int Max
    {
        get => s_max;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            s_max = value;
        }
    }

    /// <summary>Runs <paramref name="body"/> for 0..<paramref name="count"/>-1, in parallel when count &gt; 1.</summary>
    internal static void For(int count, Action<int> body)
    {
        if (count <= 1)
        {
            body(0);
            return;
        }

        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = count }, body);
    }

    /// <summary>
    /// Runs <paramref name="body"/>(start, length) over contiguous, 16-element-aligned ranges that cover
    /// [0, <paramref name="length"/>): one range per thread when every thread gets at least
    /// <paramref name="minPerThread"/> elements, otherwise a single range on the calling thread.
    /// </summary>
    internal static void ForRanges(int length, int minPerThread, Action<int, int> body)
    {
        int parts = Math.Min(Math.Min(Max, Environment.ProcessorCount), length / Math.Max(1, minPerThread));
        if (parts <= 1)
        {
            body(0, length);
            return;
        }

        int chunk = (((length + parts - 1) / parts) + 15) & ~15;
        For(parts, t =>
        {
            int start = t * chunk;
            if (start < length)
            {
                body(start, Math.Min(chunk, length - start));
            }
        });
    }
}
