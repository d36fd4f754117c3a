using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Astrolabe.Nn.Kernels;

/// <summary>
/// The AVX2 path of <see cref="Int8Gemm"/> for CPUs without VNNI. It does not use <c>vpmaddubsw</c> (u8·s8 pairs
/// summed into int16): that instruction saturates, and 255·127 + 255·127 = 64770 (or 255·(−128)·2) does not fit in an
/// int16, so it would be wrong for ordinary quantised data. Instead each chunk of A's rows is widened to int16 (zero
/// extended, k padded to even, rows padded to a multiple of MR with zeros) and multiplied with <c>vpmaddwd</c>,
/// which sums two int16·int16 products into an int32 exactly. B is packed as int16 pairs
/// (<see cref="PackedInt8Weights"/>); the micro-kernel keeps a 6×16 tile of C in 12 accumulators and broadcasts a pair
/// of A values as one int32.
/// </summary>
internal static unsafe class Int8Avx2Kernel
{
    private const int MR = 6;
    private const int NR = PackedInt8Weights.NR;
    private const int ChunkBytes = 96 * 1024;
    private const int MaxChunkRows = 240;

    [ThreadStatic]
    private static short[]? t_wide;

    /// <summary>C [m, n] (stride ldc) = A [m, k] (stride lda) · Bᵀ, B packed for <see cref="Int8Path.Avx2"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply(byte* a, int m, int lda, PackedInt8Weights b, int* c, int ldc)
    {
        int n = b.N, k = b.K;
        int pairs = (k + 1) / 2, stride = 2 * pairs;
        int strips = (n + NR - 1) / NR;
        int chunk = Math.Clamp(ChunkBytes / (2 * stride) / MR * MR, MR, MaxChunkRows);
        chunk = Math.Min(chunk, (m + MR - 1) / MR * MR);
        int* tile = stackalloc int[MR * NR];
        long need = (long)chunk * stride;
        t_wide = t_wide is { } cached && cached.Length >= need ? cached : GC.AllocateArray<short>((int)need, pinned: true);
        short* wide = (short*)Unsafe.AsPointer(ref t_wide[0]);
        short* packed = b.Words;
        for (int ic = 0; ic < m; ic += chunk)
        {
            int mc = Math.Min(chunk, m - ic);
            int rows = (mc + MR - 1) / MR * MR;
            Widen(a + ((long)ic * lda), lda, mc, k, wide, stride);
            if (rows > mc)
            {
                new Span<short>(wide + ((long)mc * stride), (rows - mc) * stride).Clear();
            }

            for (int s = 0; s < strips; s++)
            {
                short* strip = packed + ((long)s * pairs * NR * 2);
                int nr = Math.Min(NR, n - (s * NR));
                int* cStrip = c + ((long)ic * ldc) + (s * NR);
                for (int ir = 0; ir < mc; ir += MR)
                {
                    Run(pairs, (int*)(wide + ((long)ir * stride)), pairs, strip, cStrip + ((long)ir * ldc), ldc, Math.Min(MR, mc - ir), nr, tile);
                }
            }
        }
    }

    /// <summary>Zero-extends <paramref name="rows"/> rows of k bytes to int16 rows of <paramref name="stride"/> (k rounded up to even).</summary>
    private static void Widen(byte* a, int lda, int rows, int k, short* dst, int stride)
    {
        for (int r = 0; r < rows; r++)
        {
            byte* src = a + ((long)r * lda);
            short* d = dst + ((long)r * stride);
            int p = 0;
            for (; p + 16 <= k; p += 16)
            {
                Avx2.ConvertToVector256Int16(Vector128.Load(src + p)).Store(d + p);
            }

            for (; p < k; p++)
            {
                d[p] = src[p];
            }

            if (stride > k)
            {
                d[k] = 0;
            }
        }
    }

    /// <summary>
    /// One MR×NR tile over <paramref name="pairs"/> k-pairs; row r's pairs are the int32 at <c>a + r·lda</c> (lda in
    /// pairs). Stores the first mr rows and nr columns.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run(int pairs, int* a, nint lda, short* b, int* c, int ldc, int mr, int nr, int* tile)
    {
        Vector256<int> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<int> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        nint r2 = 2 * lda, r3 = 3 * lda, r4 = 4 * lda, r5 = 5 * lda;
        for (int g = pairs; g != 0; g--)
        {
            var b0 = Vector256.Load(b);
            var b1 = Vector256.Load(b + 16);
            var x = Vector256.Create(a[0]).AsInt16();
            c00 += Avx2.MultiplyAddAdjacent(x, b0);
            c01 += Avx2.MultiplyAddAdjacent(x, b1);
            x = Vector256.Create(a[lda]).AsInt16();
            c10 += Avx2.MultiplyAddAdjacent(x, b0);
            c11 += Avx2.MultiplyAddAdjacent(x, b1);
            x = Vector256.Create(a[r2]).AsInt16();
            c20 += Avx2.MultiplyAddAdjacent(x, b0);
            c21 += Avx2.MultiplyAddAdjacent(x, b1);
            x = Vector256.Create(a[r3]).AsInt16();
            c30 += Avx2.MultiplyAddAdjacent(x, b0);
            c31 += Avx2.MultiplyAddAdjacent(x, b1);
            x = Vector256.Create(a[r4]).AsInt16();
            c40 += Avx2.MultiplyAddAdjacent(x, b0);
            c41 += Avx2.MultiplyAddAdjacent(x, b1);
            x = Vector256.Create(a[r5]).AsInt16();
            c50 += Avx2.MultiplyAddAdjacent(x, b0);
            c51 += Avx2.MultiplyAddAdjacent(x, b1);
            a++;
            b += 32;
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
