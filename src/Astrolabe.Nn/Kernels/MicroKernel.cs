using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Astrolabe.Nn.Kernels;

/// <summary>
/// The register-blocked inner kernel of <see cref="Gemm"/>: an MR×NR tile of C, kept in 12 vector accumulators, from
/// an MR×kc strip of A and a kc×NR strip of B. Element (r, p) of the A strip is read at <c>a[r·aRow + p·aStep]</c>, so
/// the kernel reads a packed strip (aRow 1, aStep MR) or op(A) where it lies (aRow lda, aStep 1 untransposed; aRow 1,
/// aStep lda transposed); row p of the B strip is the NR floats at <c>b + p·bStep</c> (packed: bStep NR; untransposed
/// B in place: bStep ldb). Every read must be in bounds: callers pack partial strips. The wide kernel (NR 32, two
/// zmm per row) is the default where Vector512 is accelerated, the Vector256 one (NR 16) elsewhere; callers pass
/// which one they packed for, so tests run the wide kernel (in software) on any CPU. Partial tiles go through
/// <c>tile</c> (MR·32 floats, caller-owned): no call may happen while the accumulators are live, or the JIT spills
/// them to the stack inside the loop.
/// </summary>
internal static unsafe class MicroKernel
{
    public const int MR = 6;

    /// <summary>Whether the wide (Vector512) kernel is the default on this CPU.</summary>
    public static readonly bool DefaultWide = Vector512.IsHardwareAccelerated;

    /// <summary>The tile width NR of the wide or the narrow kernel.</summary>
    public static int Width(bool wide) => wide ? 32 : 16;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Run(bool wide, int kc, float* a, nint aRow, nint aStep, float* b, nint bStep, float* c, int ldc, int mr, int nr, bool accumulate, float* tile)
    {
        if (wide)
        {
            Run512(kc, a, aRow, aStep, b, bStep, c, ldc, mr, nr, accumulate, tile);
        }
        else
        {
            Run256(kc, a, aRow, aStep, b, bStep, c, ldc, mr, nr, accumulate, tile);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run512(int kc, float* a, nint aRow, nint aStep, float* b, nint bStep, float* c, int ldc, int mr, int nr, bool accumulate, float* tile)
    {
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector512<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        nint r2 = 2 * aRow, r3 = 3 * aRow, r4 = 4 * aRow, r5 = 5 * aRow;
        int p = kc;
        do
        {
            var b0 = Vector512.Load(b);
            var b1 = Vector512.Load(b + 16);
            var x = Vector512.Create(a[0]);
            c00 = Vector512.FusedMultiplyAdd(x, b0, c00);
            c01 = Vector512.FusedMultiplyAdd(x, b1, c01);
            x = Vector512.Create(a[aRow]);
            c10 = Vector512.FusedMultiplyAdd(x, b0, c10);
            c11 = Vector512.FusedMultiplyAdd(x, b1, c11);
            x = Vector512.Create(a[r2]);
            c20 = Vector512.FusedMultiplyAdd(x, b0, c20);
            c21 = Vector512.FusedMultiplyAdd(x, b1, c21);
            x = Vector512.Create(a[r3]);
            c30 = Vector512.FusedMultiplyAdd(x, b0, c30);
            c31 = Vector512.FusedMultiplyAdd(x, b1, c31);
            x = Vector512.Create(a[r4]);
            c40 = Vector512.FusedMultiplyAdd(x, b0, c40);
            c41 = Vector512.FusedMultiplyAdd(x, b1, c41);
            x = Vector512.Create(a[r5]);
            c50 = Vector512.FusedMultiplyAdd(x, b0, c50);
            c51 = Vector512.FusedMultiplyAdd(x, b1, c51);
            a += aStep;
            b += bStep;
        }
        while (--p != 0);

        if (mr == MR && nr == 32)
        {
            Store512(c, c00, c01, accumulate);
            Store512(c + ldc, c10, c11, accumulate);
            Store512(c + (2 * ldc), c20, c21, accumulate);
            Store512(c + (3 * ldc), c30, c31, accumulate);
            Store512(c + (4 * ldc), c40, c41, accumulate);
            Store512(c + (5 * ldc), c50, c51, accumulate);
            return;
        }

        c00.Store(tile); c01.Store(tile + 16);
        c10.Store(tile + 32); c11.Store(tile + 48);
        c20.Store(tile + 64); c21.Store(tile + 80);
        c30.Store(tile + 96); c31.Store(tile + 112);
        c40.Store(tile + 128); c41.Store(tile + 144);
        c50.Store(tile + 160); c51.Store(tile + 176);
        StoreEdge(tile, 32, c, ldc, mr, nr, accumulate);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run256(int kc, float* a, nint aRow, nint aStep, float* b, nint bStep, float* c, int ldc, int mr, int nr, bool accumulate, float* tile)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        nint r2 = 2 * aRow, r3 = 3 * aRow, r4 = 4 * aRow, r5 = 5 * aRow;
        int p = kc;
        do
        {
            var b0 = Vector256.Load(b);
            var b1 = Vector256.Load(b + 8);
            var x = Vector256.Create(a[0]);
            c00 = Vector256.FusedMultiplyAdd(x, b0, c00);
            c01 = Vector256.FusedMultiplyAdd(x, b1, c01);
            x = Vector256.Create(a[aRow]);
            c10 = Vector256.FusedMultiplyAdd(x, b0, c10);
            c11 = Vector256.FusedMultiplyAdd(x, b1, c11);
            x = Vector256.Create(a[r2]);
            c20 = Vector256.FusedMultiplyAdd(x, b0, c20);
            c21 = Vector256.FusedMultiplyAdd(x, b1, c21);
            x = Vector256.Create(a[r3]);
            c30 = Vector256.FusedMultiplyAdd(x, b0, c30);
            c31 = Vector256.FusedMultiplyAdd(x, b1, c31);
            x = Vector256.Create(a[r4]);
            c40 = Vector256.FusedMultiplyAdd(x, b0, c40);
            c41 = Vector256.FusedMultiplyAdd(x, b1, c41);
            x = Vector256.Create(a[r5]);
            c50 = Vector256.FusedMultiplyAdd(x, b0, c50);
            c51 = Vector256.FusedMultiplyAdd(x, b1, c51);
            a += aStep;
            b += bStep;
        }
        while (--p != 0);

        if (mr == MR && nr == 16)
        {
            Store256(c, c00, c01, accumulate);
            Store256(c + ldc, c10, c11, accumulate);
            Store256(c + (2 * ldc), c20, c21, accumulate);
            Store256(c + (3 * ldc), c30, c31, accumulate);
            Store256(c + (4 * ldc), c40, c41, accumulate);
            Store256(c + (5 * ldc), c50, c51, accumulate);
            return;
        }

        c00.Store(tile); c01.Store(tile + 8);
        c10.Store(tile + 16); c11.Store(tile + 24);
        c20.Store(tile + 32); c21.Store(tile + 40);
        c30.Store(tile + 48); c31.Store(tile + 56);
        c40.Store(tile + 64); c41.Store(tile + 72);
        c50.Store(tile + 80); c51.Store(tile + 88);
        StoreEdge(tile, 16, c, ldc, mr, nr, accumulate);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store256(float* c, Vector256<float> lo, Vector256<float> hi, bool accumulate)
    {
        if (accumulate)
        {
            lo += Vector256.Load(c);
            hi += Vector256.Load(c + 8);
        }

        lo.Store(c);
        hi.Store(c + 8);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store512(float* c, Vector512<float> lo, Vector512<float> hi, bool accumulate)
    {
        if (accumulate)
        {
            lo += Vector512.Load(c);
            hi += Vector512.Load(c + 16);
        }

        lo.Store(c);
        hi.Store(c + 16);
    }

    private static void StoreEdge(float* tile, int width, float* c, int ldc, int mr, int nr, bool accumulate)
    {
        for (int i = 0; i < mr; i++)
        {
            float* src = tile + (i * width);
            float* dst = c + ((long)i * ldc);
            if (accumulate)
            {
                for (int j = 0; j < nr; j++)
                {
                    dst[j] += src[j];
                }
            }
            else
            {
                for (int j = 0; j < nr; j++)
                {
                    dst[j] = src[j];
                }
            }
        }
    }
}
