using System.Runtime.Intrinsics.X86;

namespace Astrolabe.Nn.Kernels;

/// <summary>
/// Int8 matrix multiply with int32 accumulation for post-training quantisation:
/// <c>C[i, j] = Σ_p A[i, p] · B[j, p]</c>, A unsigned bytes [m, k] (activations), B signed bytes [n, k] packed once
/// (<see cref="PackedInt8Weights"/>), C int32 [m, n], all row-major. The result is exact on every path for all byte
/// values and any k up to 65,536 (|sum| ≤ 65536·255·128 &lt; 2³¹); beyond that it wraps like int32 arithmetic. The path
/// is the packed weights' (<see cref="Int8Path"/>). Products of at least <see cref="ParallelMacs"/> multiply-adds are
/// split by rows across <see cref="KernelThreads.Max"/> threads; rows are independent, so the result does not depend
/// on the split.
/// </summary>
internal static unsafe class Int8Gemm
{
    /// <summary>Products smaller than this (multiply-adds) stay on the calling thread.</summary>
    private const long ParallelMacs = 1L << 22;

    /// <summary>Row parts are whole 6-row tiles of the micro-kernels.</summary>
    private const int RowTile = 6;

    /// <summary>AvxVnni where the CPU has it, else Avx2 where it has that, else Scalar.</summary>
    public static Int8Path BestPath { get; } =
        AvxVnni.IsSupported ? Int8Path.AvxVnni : Avx2.IsSupported ? Int8Path.Avx2 : Int8Path.Scalar;

    /// <summary>Whether this CPU can run <paramref name="path"/>.</summary>
    public static bool IsSupported(Int8Path path) => path switch
    {
        Int8Path.Scalar => true,
        Int8Path.Avx2 => Avx2.IsSupported,
        Int8Path.AvxVnni => AvxVnni.IsSupported,
        _ => false,
    };

    /// <summary>
    /// Overwrites C [m, b.N] (row stride <paramref name="ldc"/> ≥ b.N; the columns past b.N are untouched) with A·Bᵀ,
    /// A [m, b.K] with row stride <paramref name="lda"/> ≥ b.K. Nothing outside the rows' first k (A) or n (C)
    /// elements is read or written.
    /// </summary>
    public static void Multiply(ReadOnlySpan<byte> a, int m, int lda, PackedInt8Weights b, Span<int> c, int ldc)
    {
        ArgumentNullException.ThrowIfNull(b);
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfLessThan(lda, b.K);
        ArgumentOutOfRangeException.ThrowIfLessThan(ldc, b.N);
        int n = b.N, k = b.K;
        if (m == 0 || n == 0)
        {
            return;
        }

        if (a.Length < ((long)(m - 1) * lda) + k)
        {
            throw new ArgumentException($"A [{m}, {k}] with stride {lda} needs {((long)(m - 1) * lda) + k} bytes, got {a.Length}.", nameof(a));
        }

        if (c.Length < ((long)(m - 1) * ldc) + n)
        {
            throw new ArgumentException($"C [{m}, {n}] with stride {ldc} needs {((long)(m - 1) * ldc) + n} elements, got {c.Length}.", nameof(c));
        }

        if (k == 0)
        {
            for (int i = 0; i < m; i++)
            {
                c.Slice(i * ldc, n).Clear();
            }

            return;
        }

        if (b.Path == Int8Path.Scalar)
        {
            Scalar(a, m, lda, b, c, ldc);
            return;
        }

        fixed (byte* pa = a)
        fixed (int* pc = c)
        {
            int threads = Math.Min(KernelThreads.Max, Environment.ProcessorCount);
            int tiles = (m + RowTile - 1) / RowTile;
            int parts = (int)Math.Min(Math.Min(threads, tiles), (long)m * n * k / ParallelMacs);
            if (parts <= 1)
            {
                Serial(pa, m, lda, b, pc, ldc);
                return;
            }

            nint aAddress = (nint)pa, cAddress = (nint)pc;
            int chunk = (tiles + parts - 1) / parts * RowTile;
            KernelThreads.For(parts, t =>
            {
                int i0 = t * chunk, rows = Math.Min(chunk, m - i0);
                if (rows > 0)
                {
                    Serial((byte*)aAddress + ((long)i0 * lda), rows, lda, b, (int*)cAddress + ((long)i0 * ldc), ldc);
                }
            });
        }
    }

    private static void Serial(byte* a, int m, int lda, PackedInt8Weights b, int* c, int ldc)
    {
        if (b.Path == Int8Path.AvxVnni)
        {
            Int8VnniKernel.Multiply(a, m, lda, b, c, ldc);
        }
        else
        {
            Int8Avx2Kernel.Multiply(a, m, lda, b, c, ldc);
        }
    }

    /// <summary>The reference: one dot product per element of C.</summary>
    private static void Scalar(ReadOnlySpan<byte> a, int m, int lda, PackedInt8Weights b, Span<int> c, int ldc)
    {
        int n = b.N, k = b.K;
        var weights = b.Raw;
        for (int i = 0; i < m; i++)
        {
            var row = a.Slice(i * lda, k);
            for (int j = 0; j < n; j++)
            {
                var w = weights.Slice(j * k, k);
                int sum = 0;
                for (int p = 0; p < k; p++)
                {
                    sum += row[p] * w[p];
                }

                c[(i * ldc) + j] = sum;
            }
        }
    }
}
