using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Astrolabe.Nn.Kernels;

/// <summary>
/// The register-blocked loops of <see cref="DirectConv"/>, on flat planes read at tap offsets: eight floats at a time
/// (Vector256), or sixteen where 512-bit vectors run at full width (<see cref="Correlate512"/>, <see cref="TapDots512"/>:
/// the same sums in the same order per lane group, half the instructions).
/// </summary>
internal static unsafe class DirectConvCore
{
    /// <summary>Output planes computed together, sharing each input load.</summary>
    public const int Block = 4;

    /// <summary>
    /// output[p][j] = initial[p] + Σ_i Σ_t weights[p][i·taps + t] · input[i][j + offsets[t]] for j &lt; length (a
    /// multiple of 16). weights holds each output plane's inputs·taps coefficients broadcast to vectors, padded with
    /// zero rows to a multiple of <see cref="Block"/> planes. Every input read must lie inside its buffer.
    /// Two vectors of j by four planes per step: six loads feed eight multiply-adds.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Correlate(
        float* input, int inputs, int inputStride, int* offsets, int taps,
        Vector256<float>* weights, float* initial, int outputs, float* output, int outputStride, int length)
    {
        int rows = inputs * taps;
        for (int p0 = 0; p0 < outputs; p0 += Block)
        {
            var w0 = weights + ((long)p0 * rows);
            var w1 = w0 + rows;
            var w2 = w1 + rows;
            var w3 = w2 + rows;
            int count = Math.Min(Block, outputs - p0);
            var b0 = Vector256.Create(initial is null ? 0f : initial[p0]);
            var b1 = Vector256.Create(initial is null || count < 2 ? 0f : initial[p0 + 1]);
            var b2 = Vector256.Create(initial is null || count < 3 ? 0f : initial[p0 + 2]);
            var b3 = Vector256.Create(initial is null || count < 4 ? 0f : initial[p0 + 3]);
            for (int j = 0; j < length; j += 16)
            {
                Vector256<float> a0 = b0, a1 = b1, a2 = b2, a3 = b3, c0 = b0, c1 = b1, c2 = b2, c3 = b3;
                int r = 0;
                for (int i = 0; i < inputs; i++)
                {
                    float* plane = input + ((long)i * inputStride) + j;
                    for (int t = 0; t < taps; t++, r++)
                    {
                        float* at = plane + offsets[t];
                        var u = Vector256.Load(at);
                        var v = Vector256.Load(at + 8);
                        var x = w0[r];
                        a0 = Vector256.FusedMultiplyAdd(u, x, a0);
                        c0 = Vector256.FusedMultiplyAdd(v, x, c0);
                        x = w1[r];
                        a1 = Vector256.FusedMultiplyAdd(u, x, a1);
                        c1 = Vector256.FusedMultiplyAdd(v, x, c1);
                        x = w2[r];
                        a2 = Vector256.FusedMultiplyAdd(u, x, a2);
                        c2 = Vector256.FusedMultiplyAdd(v, x, c2);
                        x = w3[r];
                        a3 = Vector256.FusedMultiplyAdd(u, x, a3);
                        c3 = Vector256.FusedMultiplyAdd(v, x, c3);
                    }
                }

                float* o = output + ((long)p0 * outputStride) + j;
                a0.Store(o);
                c0.Store(o + 8);
                if (count > 1)
                {
                    a1.Store(o + outputStride);
                    c1.Store(o + outputStride + 8);
                }

                if (count > 2)
                {
                    a2.Store(o + (2 * outputStride));
                    c2.Store(o + (2 * outputStride) + 8);
                }

                if (count > 3)
                {
                    a3.Store(o + (3 * outputStride));
                    c3.Store(o + (3 * outputStride) + 8);
                }
            }
        }
    }

    /// <summary>
    /// <see cref="Correlate"/> with 512-bit vectors: weights are the coefficients as floats (same layout, broadcast
    /// when read), and each step covers 32 floats of j by four planes (a last step of 16 where length is an odd
    /// multiple of 16): six loads feed eight multiply-adds of sixteen lanes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Correlate512(
        float* input, int inputs, int inputStride, int* offsets, int taps,
        float* weights, float* initial, int outputs, float* output, int outputStride, int length)
    {
        int rows = inputs * taps;
        for (int p0 = 0; p0 < outputs; p0 += Block)
        {
            float* w0 = weights + ((long)p0 * rows);
            float* w1 = w0 + rows;
            float* w2 = w1 + rows;
            float* w3 = w2 + rows;
            int count = Math.Min(Block, outputs - p0);
            var b0 = Vector512.Create(initial is null ? 0f : initial[p0]);
            var b1 = Vector512.Create(initial is null || count < 2 ? 0f : initial[p0 + 1]);
            var b2 = Vector512.Create(initial is null || count < 3 ? 0f : initial[p0 + 2]);
            var b3 = Vector512.Create(initial is null || count < 4 ? 0f : initial[p0 + 3]);
            float* o = output + ((long)p0 * outputStride);
            int j = 0;
            for (; j + 32 <= length; j += 32)
            {
                Vector512<float> a0 = b0, a1 = b1, a2 = b2, a3 = b3, c0 = b0, c1 = b1, c2 = b2, c3 = b3;
                int r = 0;
                for (int i = 0; i < inputs; i++)
                {
                    float* plane = input + ((long)i * inputStride) + j;
                    for (int t = 0; t < taps; t++, r++)
                    {
                        float* at = plane + offsets[t];
                        var u = Vector512.Load(at);
                        var v = Vector512.Load(at + 16);
                        var x = Vector512.Create(w0[r]);
                        a0 = Vector512.FusedMultiplyAdd(u, x, a0);
                        c0 = Vector512.FusedMultiplyAdd(v, x, c0);
                        x = Vector512.Create(w1[r]);
                        a1 = Vector512.FusedMultiplyAdd(u, x, a1);
                        c1 = Vector512.FusedMultiplyAdd(v, x, c1);
                        x = Vector512.Create(w2[r]);
                        a2 = Vector512.FusedMultiplyAdd(u, x, a2);
                        c2 = Vector512.FusedMultiplyAdd(v, x, c2);
                        x = Vector512.Create(w3[r]);
                        a3 = Vector512.FusedMultiplyAdd(u, x, a3);
                        c3 = Vector512.FusedMultiplyAdd(v, x, c3);
                    }
                }

                Store4(o + j, outputStride, count, a0, a1, a2, a3);
                Store4(o + j + 16, outputStride, count, c0, c1, c2, c3);
            }

            if (j < length)
            {
                Vector512<float> a0 = b0, a1 = b1, a2 = b2, a3 = b3;
                int r = 0;
                for (int i = 0; i < inputs; i++)
                {
                    float* plane = input + ((long)i * inputStride) + j;
                    for (int t = 0; t < taps; t++, r++)
                    {
                        var u = Vector512.Load(plane + offsets[t]);
                        a0 = Vector512.FusedMultiplyAdd(u, Vector512.Create(w0[r]), a0);
                        a1 = Vector512.FusedMultiplyAdd(u, Vector512.Create(w1[r]), a1);
                        a2 = Vector512.FusedMultiplyAdd(u, Vector512.Create(w2[r]), a2);
                        a3 = Vector512.FusedMultiplyAdd(u, Vector512.Create(w3[r]), a3);
                    }
                }

                Store4(o + j, outputStride, count, a0, a1, a2, a3);
            }
        }
    }

    /// <summary>Stores the first <paramref name="count"/> of four planes' vectors, planes <paramref name="stride"/> apart.</summary>
    private static void Store4(float* o, int stride, int count, Vector512<float> a0, Vector512<float> a1, Vector512<float> a2, Vector512<float> a3)
    {
        a0.Store(o);
        if (count > 1)
        {
            a1.Store(o + stride);
        }

        if (count > 2)
        {
            a2.Store(o + (2 * stride));
        }

        if (count > 3)
        {
            a3.Store(o + (3 * stride));
        }
    }

    /// <summary>
    /// Copies rows of <paramref name="width"/> floats from <paramref name="source"/> (rows sourceStride apart, readable
    /// for whole vectors) to consecutive rows at <paramref name="destination"/>, whole vectors at a time: a row's last
    /// vector may run into the rows after it, which are written later; rows whose vectors would run past the last
    /// row's end are copied exactly.
    /// </summary>
    public static void CompactRows(float* source, int sourceStride, float* destination, int rows, int width)
    {
        int vectors = (width + 7) / 8;
        long end = (long)rows * width;
        for (int i = 0; i < rows; i++)
        {
            float* s = source + ((long)i * sourceStride), d = destination + ((long)i * width);
            if (((long)i * width) + (8 * vectors) <= end)
            {
                for (int v = 0; v < vectors; v++)
                {
                    Vector256.Load(s + (8 * v)).Store(d + (8 * v));
                }
            }
            else
            {
                new ReadOnlySpan<float>(s, width).CopyTo(new Span<float>(d, width));
            }
        }
    }

    /// <summary>
    /// sums[t] += Σ_j grad[j] · input[j + offsets[t]] for every tap t, j &lt; length (a multiple of 8); four taps per
    /// pass over grad. Every input read must lie inside its buffer.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void TapDots(float* grad, float* input, int* offsets, int taps, int length, float* sums)
    {
        for (int t0 = 0; t0 < taps; t0 += Block)
        {
            int count = Math.Min(Block, taps - t0);
            // Missing taps of a last short group re-read the group's first tap; their sums are dropped.
            float* i0 = input + offsets[t0];
            float* i1 = input + offsets[t0 + (count > 1 ? 1 : 0)];
            float* i2 = input + offsets[t0 + (count > 2 ? 2 : 0)];
            float* i3 = input + offsets[t0 + (count > 3 ? 3 : 0)];
            Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
            for (int j = 0; j < length; j += 8)
            {
                var g = Vector256.Load(grad + j);
                a0 = Vector256.FusedMultiplyAdd(g, Vector256.Load(i0 + j), a0);
                a1 = Vector256.FusedMultiplyAdd(g, Vector256.Load(i1 + j), a1);
                a2 = Vector256.FusedMultiplyAdd(g, Vector256.Load(i2 + j), a2);
                a3 = Vector256.FusedMultiplyAdd(g, Vector256.Load(i3 + j), a3);
            }

            AddGroup(sums + t0, count, Vector256.Sum(a0), Vector256.Sum(a1), Vector256.Sum(a2), Vector256.Sum(a3));
        }
    }

    /// <summary>
    /// <see cref="TapDots"/> with 512-bit vectors; length is a multiple of 16. Returns Σ_j grad[j] as well (the bias
    /// gradient's share, summed in the same pass). A 3 × 3 kernel's nine taps go in one pass over grad (ten loads feed
    /// nine multiply-adds, where passes of four read grad three times and waste three multiply-adds on the last one's
    /// single tap).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float TapDots512(float* grad, float* input, int* offsets, int taps, int length, float* sums)
    {
        if (taps == 9)
        {
            return NineTapDots512(grad, input, offsets, length, sums);
        }

        Vector512<float> total = default;
        for (int t0 = 0; t0 < taps; t0 += Block)
        {
            int count = Math.Min(Block, taps - t0);
            float* i0 = input + offsets[t0];
            float* i1 = input + offsets[t0 + (count > 1 ? 1 : 0)];
            float* i2 = input + offsets[t0 + (count > 2 ? 2 : 0)];
            float* i3 = input + offsets[t0 + (count > 3 ? 3 : 0)];
            Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
            for (int j = 0; j < length; j += 16)
            {
                var g = Vector512.Load(grad + j);
                a0 = Vector512.FusedMultiplyAdd(g, Vector512.Load(i0 + j), a0);
                a1 = Vector512.FusedMultiplyAdd(g, Vector512.Load(i1 + j), a1);
                a2 = Vector512.FusedMultiplyAdd(g, Vector512.Load(i2 + j), a2);
                a3 = Vector512.FusedMultiplyAdd(g, Vector512.Load(i3 + j), a3);
                if (t0 == 0)
                {
                    total += g;
                }
            }

            AddGroup(sums + t0, count, Vector512.Sum(a0), Vector512.Sum(a1), Vector512.Sum(a2), Vector512.Sum(a3));
        }

        return Vector512.Sum(total);
    }

    /// <summary>Adds the first <paramref name="count"/> of a group's four tap sums (a short group's others are dropped).</summary>
    private static void AddGroup(float* sums, int count, float s0, float s1, float s2, float s3)
    {
        sums[0] += s0;
        if (count > 1)
        {
            sums[1] += s1;
        }

        if (count > 2)
        {
            sums[2] += s2;
        }

        if (count > 3)
        {
            sums[3] += s3;
        }
    }

    /// <summary>The nine-tap pass of <see cref="TapDots512"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float NineTapDots512(float* grad, float* input, int* offsets, int length, float* sums)
    {
        float* i0 = input + offsets[0], i1 = input + offsets[1], i2 = input + offsets[2];
        float* i3 = input + offsets[3], i4 = input + offsets[4], i5 = input + offsets[5];
        float* i6 = input + offsets[6], i7 = input + offsets[7], i8 = input + offsets[8];
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default, a8 = default, total = default;
        for (int j = 0; j < length; j += 16)
        {
            var g = Vector512.Load(grad + j);
            total += g;
            a0 = Vector512.FusedMultiplyAdd(g, Vector512.Load(i0 + j), a0);
            a1 = Vector512.FusedMultiplyAdd(g, Vector512.Load(i1 + j), a1);
            a2 = Vector512.FusedMultiplyAdd(g, Vector512.Load(i2 + j), a2);
            a3 = Vector512.FusedMultiplyAdd(g, Vector512.Load(i3 + j), a3);
            a4 = Vector512.FusedMultiplyAdd(g, Vector512.Load(i4 + j), a4);
            a5 = Vector512.FusedMultiplyAdd(g, Vector512.Load(i5 + j), a5);
            a6 = Vector512.FusedMultiplyAdd(g, Vector512.Load(i6 + j), a6);
            a7 = Vector512.FusedMultiplyAdd(g, Vector512.Load(i7 + j), a7);
            a8 = Vector512.FusedMultiplyAdd(g, Vector512.Load(i8 + j), a8);
        }

        sums[0] += Vector512.Sum(a0);
        sums[1] += Vector512.Sum(a1);
        sums[2] += Vector512.Sum(a2);
        sums[3] += Vector512.Sum(a3);
        sums[4] += Vector512.Sum(a4);
        sums[5] += Vector512.Sum(a5);
        sums[6] += Vector512.Sum(a6);
        sums[7] += Vector512.Sum(a7);
        sums[8] += Vector512.Sum(a8);
        return Vector512.Sum(total);
    }
}
