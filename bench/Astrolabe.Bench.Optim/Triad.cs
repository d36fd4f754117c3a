using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Astrolabe.Bench.Optim;

/// <summary>STREAM-style triad <c>a = b + s·c</c> with Vector512 (Vector256 fallback), one contiguous range per thread.</summary>
internal static class Triad
{
    public static void Run(float[] a, float[] b, float[] c, float s, int threads)
    {
        int n = a.Length;
        int chunk = (((n + threads - 1) / threads) + 63) & ~63;
        if (threads == 1)
        {
            Range(a, b, c, s, 0, n);
            return;
        }

        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, w =>
            Range(a, b, c, s, w * chunk, Math.Min(n, (w + 1) * chunk)));
    }

    private static void Range(float[] a, float[] b, float[] c, float s, int start, int end)
    {
        ref float ar = ref MemoryMarshal.GetArrayDataReference(a);
        ref float br = ref MemoryMarshal.GetArrayDataReference(b);
        ref float cr = ref MemoryMarshal.GetArrayDataReference(c);
        int i = start;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i <= end - 16; i += 16)
            {
                (Vector512.LoadUnsafe(ref br, (nuint)i) + (Vector512.LoadUnsafe(ref cr, (nuint)i) * s)).StoreUnsafe(ref ar, (nuint)i);
            }
        }

        for (; i <= end - 8; i += 8)
        {
            (Vector256.LoadUnsafe(ref br, (nuint)i) + (Vector256.LoadUnsafe(ref cr, (nuint)i) * s)).StoreUnsafe(ref ar, (nuint)i);
        }

        for (; i < end; i++)
        {
            a[i] = b[i] + (s * c[i]);
        }
    }
}
