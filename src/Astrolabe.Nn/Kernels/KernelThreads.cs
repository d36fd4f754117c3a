using Astrolabe.Optim;

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

        ForkJoin.Run(count, body);
    }

    /// <summary>Memory-bound passes over fewer floats than this per thread stay on the calling thread.</summary>
    private const int ParallelFloats = 1 << 16;

    /// <summary>
    /// Runs <paramref name="body"/>(start, count) over contiguous, 16-item-aligned ranges that cover the
    /// <paramref name="items"/> items (elements, planes …) of a memory-bound pass, each item
    /// <paramref name="itemFloats"/> floats: one range per thread when every thread gets at least 65,536 floats,
    /// otherwise a single range on the calling thread.
    /// </summary>
    internal static void ForRanges(int items, int itemFloats, Action<int, int> body)
    {
        int parts = RangeParts(items, itemFloats);
        if (parts <= 1)
        {
            body(0, items);
            return;
        }

        int chunk = (((items + parts - 1) / parts) + 15) & ~15;
        For(parts, t =>
        {
            int start = t * chunk;
            if (start < items)
            {
                body(start, Math.Min(chunk, items - start));
            }
        });
    }

    /// <summary>
    /// Whether <see cref="ForRanges"/> would split these items over threads; when not, a caller may run its kernel on the
    /// whole span directly and make no range delegate.
    /// </summary>
    internal static bool SplitsRanges(int items, int itemFloats) => RangeParts(items, itemFloats) > 1;

    private static int RangeParts(int items, int itemFloats)
    {
        int perThread = Math.Max(1, ParallelFloats / Math.Max(1, itemFloats));
        return Math.Min(Math.Min(Max, Environment.ProcessorCount), items / perThread);
    }

    /// <summary>Compute-bound work under this many multiply-adds per thread stays on the calling thread.</summary>
    private const long ParallelWork = 1 << 18;

    /// <summary>
    /// Runs <paramref name="body"/>(first, end) over even contiguous parts of 0..<paramref name="count"/>-1 (no
    /// alignment, so 16 output channels still split in two), one part per thread when each gets at least 2¹⁸ units
    /// of work at <paramref name="workPerItem"/> per item, otherwise one part on the calling thread.
    /// </summary>
    internal static void ForParts(int count, long workPerItem, Action<int, int> body)
    {
        int parts = (int)Math.Min(Math.Min(Max, Environment.ProcessorCount), Math.Min(count, count * workPerItem / ParallelWork));
        if (parts <= 1)
        {
            body(0, count);
            return;
        }

        For(parts, t => body(count * t / parts, count * (t + 1) / parts));
    }
}
