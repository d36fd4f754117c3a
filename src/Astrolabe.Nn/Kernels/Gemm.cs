using System.Runtime.CompilerServices;

namespace Astrolabe.Nn.Kernels;

/// <summary>
/// Single-precision matrix multiply, <c>C = (accumulate ? C : 0) + op(A)·op(B)</c>, row-major, where op is the
/// identity or the transpose. Blocked and packed in the GotoBLAS/BLIS manner: B is packed into NR-wide column strips
/// (KC×NC block, L3/L2), A into MR-tall row strips (MC×KC block, L2), and a register-blocked micro-kernel
/// (<see cref="MicroKernel"/>) computes an MR×NR tile of C with fused multiply-adds. Operands that are small or that
/// the product reads only a few times are read where they lie instead (packing them would cost as much as the
/// product). Large products are split across <see cref="KernelThreads.Max"/> threads: along N when it is at least
/// twice M, otherwise along M (with N split, every thread packs all of A, which costs more than packing B).
/// </summary>
internal static unsafe class Gemm
{
    internal const int MR = MicroKernel.MR;
    private const int MC = 144;
    private const int KC = 256;
    private const int NC = 2048;
    private const double ParallelFlops = 3e6;

    /// <summary>Operands of at most this many floats are not packed (see <see cref="Serial"/>).</summary>
    private const long DirectElements = 32 * 1024;

    /// <summary>An operand read at most this many times by the product is not packed (see <see cref="Serial"/>).</summary>
    private const int FewReads = 6;

    /// <summary>
    /// Untransposed B is read in place up to this many times (m / MR tiles): its strips stay in L1/L2 between
    /// reads, while packing moves all of B through memory once more (a 64-row input gradient of a 194×6272 linear
    /// layer: step 22.8 → 21.6 ms, median of five A/B pairs).
    /// </summary>
    private const int FewReadsOfB = 11;

    [ThreadStatic]
    private static float[]? t_packA;

    [ThreadStatic]
    private static float[]? t_packB;

    [ThreadStatic]
    private static float[]? t_tile;

    /// <summary>
    /// Array overload: offsets select the first element of each matrix. With <paramref name="serial"/> the product
    /// stays on the calling thread (for callers that split the work across threads themselves).
    /// </summary>
    public static void Multiply(
        bool transA, bool transB, int m, int n, int k,
        float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb, float[] c, int cOffset, int ldc,
        bool accumulate, bool serial = false)
    {
        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
        {
            if (serial && m > 0 && n > 0 && k > 0)
            {
                Serial(transA, transB, m, n, k, pa + aOffset, lda, pb + bOffset, ldb, pc + cOffset, ldc, accumulate, WideFor(n));
            }
            else
            {
                Multiply(transA, transB, m, n, k, pa + aOffset, lda, pb + bOffset, ldb, pc + cOffset, ldc, accumulate);
            }
        }
    }

    /// <summary>Pointer form. op(A) is m×k, op(B) is k×n, C is m×n; ld* are row strides of the stored matrices.</summary>
    public static void Multiply(
        bool transA, bool transB, int m, int n, int k,
        float* a, int lda, float* b, int ldb, float* c, int ldc, bool accumulate) =>
        Multiply(transA, transB, m, n, k, a, lda, b, ldb, c, ldc, accumulate, WideFor(n));

    /// <summary>
    /// The pointer form with the micro-kernel chosen by the caller: <paramref name="wide"/> selects the Vector512
    /// kernel, which runs (slowly, in software) where the CPU lacks AVX-512 — tests use it to check that path anywhere.
    /// </summary>
    internal static void Multiply(
        bool transA, bool transB, int m, int n, int k,
        float* a, int lda, float* b, int ldb, float* c, int ldc, bool accumulate, bool wide)
    {
        if (m == 0 || n == 0)
        {
            return;
        }

        if (k == 0)
        {
            if (!accumulate)
            {
                for (int i = 0; i < m; i++)
                {
                    new Span<float>(c + ((long)i * ldc), n).Clear();
                }
            }

            return;
        }

        int threads = Math.Min(KernelThreads.Max, Environment.ProcessorCount);
        double flops = 2.0 * m * n * k;
        if (threads <= 1 || flops < ParallelFlops)
        {
            Serial(transA, transB, m, n, k, a, lda, b, ldb, c, ldc, accumulate, wide);
            return;
        }

        Parallel(transA, transB, m, n, k, a, lda, b, ldb, c, ldc, accumulate, wide, threads);
    }

    /// <summary>
    /// Splits the product over threads by columns (wide C) or rows. Apart from <see cref="Multiply(bool, bool, int, int, int, float*, int, float*, int, float*, int, bool, bool)"/>
    /// so that its closure, which captures the arguments, is made only when the product is split.
    /// </summary>
    private static void Parallel(
        bool transA, bool transB, int m, int n, int k,
        float* a, int lda, float* b, int ldb, float* c, int ldc, bool accumulate, bool wide, int threads)
    {
        int nr = MicroKernel.Width(wide);
        nint pa = (nint)a, pb = (nint)b, pc = (nint)c;
        if (n >= 2 * m)
        {
            int parts = Math.Min(threads, (n + nr - 1) / nr);
            int chunk = ((n + parts - 1) / parts + nr - 1) / nr * nr;
            KernelThreads.For(parts, t =>
            {
                int j0 = t * chunk, j1 = Math.Min(n, j0 + chunk);
                if (j0 >= j1)
                {
                    return;
                }

                float* bt = transB ? (float*)pb + ((long)j0 * ldb) : (float*)pb + j0;
                Serial(transA, transB, m, j1 - j0, k, (float*)pa, lda, bt, ldb, (float*)pc + j0, ldc, accumulate, wide);
            });
        }
        else
        {
            int parts = Math.Min(threads, (m + MR - 1) / MR);
            int chunk = ((m + parts - 1) / parts + MR - 1) / MR * MR;
            KernelThreads.For(parts, t =>
            {
                int i0 = t * chunk, i1 = Math.Min(m, i0 + chunk);
                if (i0 >= i1)
                {
                    return;
                }

                float* at = transA ? (float*)pa + i0 : (float*)pa + ((long)i0 * lda);
                Serial(transA, transB, i1 - i0, n, k, at, lda, (float*)pb, ldb, (float*)pc + ((long)i0 * ldc), ldc, accumulate, wide);
            });
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Serial(
        bool transA, bool transB, int m, int n, int k,
        float* a, int lda, float* b, int ldb, float* c, int ldc, bool accumulate, bool wide)
    {
        int nr = MicroKernel.Width(wide);
        t_packA ??= GC.AllocateUninitializedArray<float>((MC * KC) + 32, pinned: true); // PackA: 2 floats past its end
        t_packB ??= GC.AllocateUninitializedArray<float>((KC * (NC + 32)) + 16, pinned: true);
        t_tile ??= GC.AllocateUninitializedArray<float>(MR * 32, pinned: true);

        // Operands that are small, or that the product reads only a few times (A once per NR-wide strip of C, B
        // once per MR-tall tile), are read where they lie: packing them would cost as much as the product itself.
        // Only the partial strips at their edges are packed (the micro-kernel reads whole strips).
        bool directA = (long)m * k <= DirectElements || n <= FewReads * nr;
        bool directB = !transB && ((long)k * n <= DirectElements || m <= FewReadsOfB * MR);
        nint aRow = transA ? 1 : lda, aCol = transA ? lda : 1;
        fixed (float* packAUnaligned = t_packA)
        fixed (float* packBUnaligned = t_packB)
        fixed (float* tile = t_tile)
        {
            float* packA = Align64(packAUnaligned);
            float* packB = Align64(packBUnaligned);
            for (int jc = 0; jc < n; jc += NC)
            {
                int nc = Math.Min(NC, n - jc);
                int fullB = directB ? nc / nr * nr : 0;
                for (int pc = 0; pc < k; pc += KC)
                {
                    int kc = Math.Min(KC, k - pc);
                    if (fullB < nc)
                    {
                        GemmPacking.PackB(transB, b, ldb, pc, jc + fullB, kc, nc - fullB, nr, packB);
                    }

                    bool acc = accumulate || pc > 0;
                    for (int ic = 0; ic < m; ic += MC)
                    {
                        int mc = Math.Min(MC, m - ic);
                        int fullA = directA ? mc / MR * MR : 0;
                        if (fullA < mc)
                        {
                            GemmPacking.PackA(transA, a, lda, ic + fullA, pc, mc - fullA, kc, MR, packA);
                        }

                        for (int jr = 0; jr < nc; jr += nr)
                        {
                            float* bStrip = jr < fullB ? b + ((long)pc * ldb) + jc + jr : packB + ((long)((jr - fullB) / nr) * kc * nr);
                            nint bStep = jr < fullB ? ldb : nr;
                            int nrActual = Math.Min(nr, nc - jr);
                            for (int ir = 0; ir < mc; ir += MR)
                            {
                                bool direct = ir < fullA;
                                float* aStrip = direct
                                    ? a + ((ic + ir) * aRow) + (pc * aCol)
                                    : packA + ((long)((ir - fullA) / MR) * kc * MR);
                                MicroKernel.Run(
                                    wide, kc, aStrip, direct ? aRow : 1, direct ? aCol : MR, bStrip, bStep,
                                    c + ((long)(ic + ir) * ldc) + jc + jr, ldc,
                                    Math.Min(MR, mc - ir), nrActual, acc, tile);
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// Whether a product with <paramref name="n"/> columns runs the wide kernel: where it is the default, except for
    /// products at most 16 columns wide, whose 32-wide tiles would be mostly padding (a 10-class output layer, the
    /// weight gradient of a convolution with few filters); the 16-wide kernel does half the multiply-adds there.
    /// </summary>
    private static bool WideFor(int n) => MicroKernel.DefaultWide && n > 16;

    private static float* Align64(float* p) => (float*)(((nint)p + 63) & ~(nint)63);

    /// <summary>Whether the wide (512-bit) micro-kernel is in use.</summary>
    public static bool UsesVector512 => MicroKernel.DefaultWide;
}
