using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Astrolabe.Nn.Kernels;

/// <summary>
/// The AVX-VNNI path of <see cref="Int8Gemm"/>: <c>vpdpbusd</c> multiplies 4 unsigned bytes of A by 4 signed bytes of
/// B and adds the four products to an int32 lane without saturation, so the product is exact. The micro-kernel keeps
/// an MR×NR (6×16) tile of C in 12 accumulators; per group of 4 k-values it loads two B vectors from the packed strip
/// (<see cref="PackedInt8Weights"/>) and broadcasts 4 bytes of each A row as one int32. A is read where it lies; the
/// last, partial group of each row (k not a multiple of 4) comes from a small buffer with the missing bytes zero, and
/// a partial block of rows (m not a multiple of MR) is copied into a zero-padded buffer, so nothing past a row's k
/// bytes is read. Rows go in chunks of a few dozen so a chunk of A stays in L2 while it meets every strip of B.
/// </summary>
internal static unsafe class Int8VnniKernel
{
    private const int MR = 6;
    private const int NR = PackedInt8Weights.NR;
    private const int ChunkBytes = 48 * 1024;
    private const int MaxChunkRows = 240;

    [ThreadStatic]
    private static byte[]? t_edge;

    /// <summary>C [m, n] (stride ldc) = A [m, k] (stride lda) · Bᵀ, B packed for <see cref="Int8Path.AvxVnni"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply(byte* a, int m, int lda, PackedInt8Weights b, int* c, int ldc)
    {
        int n = b.N, k = b.K;
        int full = k >> 2, rem = k & 3, groups = full + (rem != 0 ? 1 : 0);
        int strips = (n + NR - 1) / NR;
        int chunk = Math.Clamp(ChunkBytes / Math.Max(k, 1) / MR * MR, MR, MaxChunkRows);
        int* tile = stackalloc int[MR * NR];
        int* tails = stackalloc int[MaxChunkRows];
        int edgeStride = groups * 4;
        t_edge = t_edge is { } cached && cached.Length >= MR * edgeStride ? cached : GC.AllocateArray<byte>(MR * edgeStride, pinned: true);
        byte* edge = (byte*)Unsafe.AsPointer(ref t_edge[0]);
        sbyte* packed = b.Bytes;
        for (int ic = 0; ic < m; ic += chunk)
        {
            int mc = Math.Min(chunk, m - ic);
            int fullRows = mc / MR * MR;
            byte* aChunk = a + ((long)ic * lda);
            if (rem != 0)
            {
                for (int r = 0; r < fullRows; r++)
                {
                    tails[r] = Tail(aChunk + ((long)r * lda), k, rem);
                }
            }

            if (fullRows < mc)
            {
                new Span<byte>(edge, MR * edgeStride).Clear();
                for (int r = fullRows; r < mc; r++)
                {
                    new ReadOnlySpan<byte>(aChunk + ((long)r * lda), k).CopyTo(new Span<byte>(edge + ((r - fullRows) * edgeStride), k));
                }
            }

            for (int s = 0; s < strips; s++)
            {
                sbyte* strip = packed + ((long)s * groups * NR * 4);
                int nr = Math.Min(NR, n - (s * NR));
                int* cStrip = c + ((long)ic * ldc) + (s * NR);
                for (int ir = 0; ir < fullRows; ir += MR)
                {
                    Run(full, aChunk + ((long)ir * lda), lda, rem != 0 ? tails + ir : null, strip, cStrip + ((long)ir * ldc), ldc, MR, nr, tile);
                }

                if (fullRows < mc)
                {
                    Run(groups, edge, edgeStride, null, strip, cStrip + ((long)fullRows * ldc), ldc, mc - fullRows, nr, tile);
                }
            }
        }
    }

    /// <summary>The last <paramref name="rem"/> bytes of a row as the low bytes of an int32, the rest zero.</summary>
    private static int Tail(byte* row, int k, int rem)
    {
        if (k >= 4)
        {
            // The 4 bytes ending at k are in bounds; shifting drops the ones before the partial group.
            return (int)(Unsafe.ReadUnaligned<uint>(row + k - 4) >> (8 * (4 - rem)));
        }

        int t = 0;
        for (int q = 0; q < rem; q++)
        {
            t |= row[q] << (8 * q);
        }

        return t;
    }

    /// <summary>
    /// One MR×NR tile: <paramref name="groups"/> groups of 4 bytes from rows <c>a + r·lda</c>, then, where
    /// <paramref name="tail"/> is set, one more group from <c>tail[r]</c>. Stores the first mr rows and nr columns.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run(int groups, byte* a, nint lda, int* tail, sbyte* b, int* c, int ldc, int mr, int nr, int* tile)
    {
        Vector256<int> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<int> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        int g = groups;
        while (true)
        {
            nint r2 = 2 * lda, r3 = 3 * lda, r4 = 4 * lda, r5 = 5 * lda;
            for (; g != 0; g--)
            {
                var b0 = Vector256.Load(b);
                var b1 = Vector256.Load(b + 32);
                var x = Vector256.Create(*(int*)a).AsByte();
                c00 = AvxVnni.MultiplyWideningAndAdd(c00, x, b0);
                c01 = AvxVnni.MultiplyWideningAndAdd(c01, x, b1);
                x = Vector256.Create(*(int*)(a + lda)).AsByte();
                c10 = AvxVnni.MultiplyWideningAndAdd(c10, x, b0);
                c11 = AvxVnni.MultiplyWideningAndAdd(c11, x, b1);
                x = Vector256.Create(*(int*)(a + r2)).AsByte();
                c20 = AvxVnni.MultiplyWideningAndAdd(c20, x, b0);
                c21 = AvxVnni.MultiplyWideningAndAdd(c21, x, b1);
                x = Vector256.Create(*(int*)(a + r3)).AsByte();
                c30 = AvxVnni.MultiplyWideningAndAdd(c30, x, b0);
                c31 = AvxVnni.MultiplyWideningAndAdd(c31, x, b1);
                x = Vector256.Create(*(int*)(a + r4)).AsByte();
                c40 = AvxVnni.MultiplyWideningAndAdd(c40, x, b0);
                c41 = AvxVnni.MultiplyWideningAndAdd(c41, x, b1);
                x = Vector256.Create(*(int*)(a + r5)).AsByte();
                c50 = AvxVnni.MultiplyWideningAndAdd(c50, x, b0);
                c51 = AvxVnni.MultiplyWideningAndAdd(c51, x, b1);
                a += 4;
                b += 64;
            }

            if (tail == null)
            {
                break;
            }

            a = (byte*)tail;
            lda = 4;
            g = 1;
            tail = null;
        }

        if (mr == MR && nr == NR)
        {
            Int8Tile.Store(c, c00, c01);
            Int8Tile.Store(c + ldc, c10, c11);
            Int8Tile.Store(c + (2 * ldc), c20, c21);
            Int8Tile.Store(c + (3 * ldc), c30, c31);
            Int8Tile.Store(c + (4 * ldc), c40, c41);
            Int8Tile.Store(c + (5 * ldc), c50, c51);
            return;
        }

        Int8Tile.Store(tile, c00, c01);
        Int8Tile.Store(tile + NR, c10, c11);
        Int8Tile.Store(tile + (2 * NR), c20, c21);
        Int8Tile.Store(tile + (3 * NR), c30, c31);
        Int8Tile.Store(tile + (4 * NR), c40, c41);
        Int8Tile.Store(tile + (5 * NR), c50, c51);
        Int8Tile.StoreEdge(tile, c, ldc, mr, nr);
    }
}
