using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Astrolabe.Nn.Kernels;

/// <summary>
/// The common 2×2, stride-2 max pool: the maximum of each window and the flat index it came from (for backward).
/// Windows are scanned in PyTorch's order (top-left, top-right, bottom-left, bottom-right) and a later element wins
/// when it is greater or NaN, so NaN propagates and ties keep the first element, as in PyTorch. Eight windows at a
/// time with AVX2 (compare and blend, no branches), one at a time otherwise and at the very end of the input.
/// </summary>
internal static unsafe class MaxPoolKernel
{
    public static void Pool2x2(float[] x, int h, int w, int nc, int oh, int ow, float[] y, int[] argmax) =>
        KernelThreads.ForRanges(nc, h * w, (first, count) => Planes(x, h, w, first, count, oh, ow, y, argmax));

    /// <summary>
    /// The input gradient of <see cref="Pool2x2"/>, written rather than added: every element of
    /// <paramref name="gx"/> is set — the window's output gradient at its maximum, zero at the window's other three
    /// elements and at the odd last row or column no window covers. For a gradient buffer that nothing else has
    /// written in this backward pass (no zeroing needed first).
    /// </summary>
    public static void BackwardWrite2x2(float[] g, int[] argmax, int h, int w, int nc, int oh, int ow, float[] gx) =>
        KernelThreads.ForRanges(nc, h * w, (first, count) => WritePlanes(g, argmax, h, w, first, count, oh, ow, gx));

    private static void Planes(float[] x, int h, int w, int first, int count, int oh, int ow, float[] y, int[] argmax)
    {
        fixed (float* px = x)
        fixed (float* py = y)
        fixed (int* pi = argmax)
        {
            for (int plane = first; plane < first + count; plane++)
            {
                int src = plane * h * w;
                for (int i = 0; i < oh; i++)
                {
                    int r0 = src + (2 * i * w), k = ((plane * oh) + i) * ow;
                    int j = Avx2.IsSupported ? Row8(px, x.Length, r0, w, ow, py + k, pi + k) : 0;
                    for (; j < ow; j++)
                    {
                        Window(px, r0 + (2 * j), w, out py[k + j], out pi[k + j]);
                    }
                }
            }
        }
    }

    private static void WritePlanes(float[] g, int[] argmax, int h, int w, int first, int count, int oh, int ow, float[] gx)
    {
        fixed (float* pg = g)
        fixed (int* pi = argmax)
        fixed (float* px = gx)
        {
            for (int plane = first; plane < first + count; plane++)
            {
                int src = plane * h * w;
                for (int i = 0; i < oh; i++)
                {
                    int r0 = src + (2 * i * w), k = ((plane * oh) + i) * ow;
                    int j = Avx2.IsSupported ? WriteRow8(pg + k, pi + k, px, r0, w, ow) : 0;
                    for (; j < ow; j++)
                    {
                        int a = r0 + (2 * j);
                        px[a] = px[a + 1] = px[a + w] = px[a + w + 1] = 0f;
                        px[pi[k + j]] = pg[k + j];
                    }

                    if (2 * ow < w)
                    {
                        px[r0 + (2 * ow)] = px[r0 + w + (2 * ow)] = 0f;
                    }
                }

                if (2 * oh < h)
                {
                    new Span<float>(px + src + (2 * oh * w), w).Clear();
                }
            }
        }
    }

    /// <summary>
    /// Eight windows of one output row at a time: each window's gradient goes to the lane of the element its index
    /// names (0, 1, w or w + 1 past the top-left), zero to the others, and the two input rows are stored
    /// interleaved back. Returns how many windows it did.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int WriteRow8(float* g, int* argmax, float* gx, int r0, int w, int ow)
    {
        int j = 0;
        var steps = Vector256.Create(0, 2, 4, 6, 8, 10, 12, 14);
        var right = Vector256<int>.One;
        var below = Vector256.Create(w);
        var belowRight = Vector256.Create(w + 1);
        for (; j + 8 <= ow; j += 8)
        {
            var grad = Avx.LoadVector256(g + j);
            var offset = Avx.LoadVector256(argmax + j) - (Vector256.Create(r0 + (2 * j)) + steps);
            var topLeft = grad & Vector256.Equals(offset, Vector256<int>.Zero).AsSingle();
            var topRight = grad & Vector256.Equals(offset, right).AsSingle();
            var bottomLeft = grad & Vector256.Equals(offset, below).AsSingle();
            var bottomRight = grad & Vector256.Equals(offset, belowRight).AsSingle();
            float* top = gx + r0 + (2 * j);
            Interleave(topLeft, topRight, top);
            Interleave(bottomLeft, bottomRight, top + w);
        }

        return j;
    }

    /// <summary>Stores a0 b0 a1 b1 … a7 b7 (16 floats) at <paramref name="p"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Interleave(Vector256<float> a, Vector256<float> b, float* p)
    {
        var lo = Avx.UnpackLow(a, b);
        var hi = Avx.UnpackHigh(a, b);
        Avx.Store(p, Avx.Permute2x128(lo, hi, 0x20));
        Avx.Store(p + 8, Avx.Permute2x128(lo, hi, 0x31));
    }

    /// <summary>
    /// Pools the windows of one output row eight at a time; a last partial group is read whole (past the row's
    /// end, while inside the input) and stored through a mask. Returns how many windows it did.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Row8(float* x, int length, int r0, int w, int ow, float* y, int* argmax)
    {
        int j = 0;
        for (; j + 8 <= ow; j += 8)
        {
            Pool8(x, r0 + (2 * j), w, out var best, out var index);
            best.Store(y + j);
            index.Store(argmax + j);
        }

        if (j < ow && r0 + w + (2 * j) + 16 <= length)
        {
            Pool8(x, r0 + (2 * j), w, out var best, out var index);
            var mask = Vector256.LessThan(Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7), Vector256.Create(ow - j));
            Avx.MaskStore(y + j, mask.AsSingle(), best);
            Avx2.MaskStore(argmax + j, mask, index);
            j = ow;
        }

        return j;
    }

    /// <summary>The eight windows whose top-left elements are at a, a + 2, …, a + 14.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Pool8(float* x, int a, int w, out Vector256<float> best, out Vector256<int> index)
    {
        Deinterleave(x + a, out var v0, out var v1);
        Deinterleave(x + a + w, out var v2, out var v3);
        var i0 = Vector256.Create(a) + Vector256.Create(0, 2, 4, 6, 8, 10, 12, 14);
        best = v0;
        index = i0;
        Take(ref best, ref index, v1, i0 + Vector256<int>.One);
        Take(ref best, ref index, v2, i0 + Vector256.Create(w));
        Take(ref best, ref index, v3, i0 + Vector256.Create(w + 1));
    }

    /// <summary>Splits 16 consecutive floats into the 8 at even offsets and the 8 at odd offsets, in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Deinterleave(float* p, out Vector256<float> even, out Vector256<float> odd)
    {
        var lo = Avx.LoadVector256(p);
        var hi = Avx.LoadVector256(p + 8);

        // Within each 128-bit lane the shuffles give [lo0 lo2 hi0 hi2 | lo4 lo6 hi4 hi6]; the permute restores order.
        even = Avx2.Permute4x64(Avx.Shuffle(lo, hi, 0x88).AsDouble(), 0xD8).AsSingle();
        odd = Avx2.Permute4x64(Avx.Shuffle(lo, hi, 0xDD).AsDouble(), 0xD8).AsSingle();
    }

    /// <summary>Where <paramref name="candidate"/> is greater than the best so far or NaN, it becomes the best.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Take(ref Vector256<float> best, ref Vector256<int> index, Vector256<float> candidate, Vector256<int> candidateIndex)
    {
        var take = Avx.CompareGreaterThan(candidate, best) | Avx.CompareUnordered(candidate, candidate);
        best = Avx.BlendVariable(best, candidate, take);
        index = Avx.BlendVariable(index.AsSingle(), candidateIndex.AsSingle(), take).AsInt32();
    }

    private static void Window(float* x, int a, int w, out float value, out int index)
    {
        int best = a;
        float bv = x[a];
        foreach (int c in (ReadOnlySpan<int>)[a + 1, a + w, a + w + 1])
        {
            if (x[c] > bv || float.IsNaN(x[c]))
            {
                best = c;
                bv = x[c];
            }
        }

        value = bv;
        index = best;
    }
}
