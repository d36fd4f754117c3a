namespace Astrolabe.Optim;

/// <summary>
/// Splits <c>[0, length)</c> into one contiguous, 64-element-aligned range per worker, run through
/// <see cref="ForkJoin"/> (what <c>Parallel.For</c> allocated, a kilobyte or two a call, was most of what an MLP's
/// optimizer step still allocated).
/// </summary>
internal static class ParallelRange
{
    /// <summary>Runs <paramref name="body"/>(start, end) over the ranges, in parallel when the buffer is large.</summary>
    public static void For(int length, Action<int, int> body)
    {
        int workers = Workers(length);
        if (workers <= 1)
        {
            body(0, length);
            return;
        }

        int chunk = (((length + workers - 1) / workers) + 63) & ~63;
        ForkJoin.Run(workers, w =>
        {
            int start = w * chunk;
            int end = Math.Min(length, start + chunk);
            if (start < end)
            {
                body(start, end);
            }
        });
    }

    /// <summary>Whether <see cref="For"/> would split a buffer of <paramref name="length"/> (callers may then skip making a delegate).</summary>
    public static bool IsParallel(int length) => Workers(length) > 1;

    private static int Workers(int length) => length < KernelOptions.MinParallelLength
        ? 1
        : Math.Min(KernelOptions.MaxDegreeOfParallelism, Math.Max(1, length / Math.Max(1, KernelOptions.MinParallelLength / 2)));
}
