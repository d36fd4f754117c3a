using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Astrolabe.Nn.Kernels;

/// <summary>
/// Stores of an int8 micro-kernel's 6×16 int32 tile: whole tiles straight into C, partial ones (the last rows or
/// channels) through a caller-owned MR·NR buffer so that nothing outside C's m×n region is written.
/// </summary>
internal static unsafe class Int8Tile
{
    private const int NR = PackedInt8Weights.NR;

    /// <summary>16 int32 at <paramref name="c"/>: two vectors, 8 channels each.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(int* c, Vector256<int> lo, Vector256<int> hi)
    {
        lo.Store(c);
        hi.Store(c + 8);
    }

    /// <summary>Copies the first mr rows and nr columns of the buffered tile (row stride NR) into C.</summary>
    public static void StoreEdge(int* tile, int* c, int ldc, int mr, int nr)
    {
        for (int i = 0; i < mr; i++)
        {
            new ReadOnlySpan<int>(tile + (i * NR), nr).CopyTo(new Span<int>(c + ((long)i * ldc), nr));
        }
    }
}
