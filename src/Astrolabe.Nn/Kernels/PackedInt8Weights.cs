namespace Astrolabe.Nn.Kernels;

/// <summary>
/// Signed int8 weights B [n, k] (row j = output channel j, like a linear layer's [out, in] weight) laid out for one
/// <see cref="Int8Path"/>, packed once and multiplied many times by <see cref="Int8Gemm.Multiply"/>. Layouts, with
/// NR = 16 channels per strip and channels past n and k-values past k zero:
/// <list type="bullet">
/// <item><see cref="Int8Path.AvxVnni"/>: sbyte [⌈n/NR⌉ strips][⌈k/4⌉ groups][NR][4]: one 32-byte vector is 8 channels ×
/// 4 consecutive k-values, the operand order of <c>vpdpbusd</c>.</item>
/// <item><see cref="Int8Path.Avx2"/>: int16 [⌈n/NR⌉ strips][⌈k/2⌉ pairs][NR][2]: one vector is 8 channels × 2
/// k-values, the operand order of <c>vpmaddwd</c>.</item>
/// <item><see cref="Int8Path.Scalar"/>: a copy of B as given.</item>
/// </list>
/// Strips are contiguous so the micro-kernel streams one strip; the data is pinned and 64-byte aligned.
/// </summary>
internal sealed unsafe class PackedInt8Weights
{
    /// <summary>Output channels per strip: the tile width of the SIMD micro-kernels (two 8-lane vectors).</summary>
    public const int NR = 16;

    private readonly sbyte[]? _bytes;
    private readonly short[]? _words;
    private readonly int _offset;

    private PackedInt8Weights(int n, int k, Int8Path path, sbyte[]? bytes, short[]? words, int offset)
    {
        N = n;
        K = k;
        Path = path;
        _bytes = bytes;
        _words = words;
        _offset = offset;
    }

    /// <summary>Output channels (rows of B, columns of C).</summary>
    public int N { get; }

    /// <summary>Inner dimension (columns of B and of A).</summary>
    public int K { get; }

    /// <summary>The path this layout is for.</summary>
    public Int8Path Path { get; }

    /// <summary>Packs for <see cref="Int8Gemm.BestPath"/>.</summary>
    public static PackedInt8Weights Pack(ReadOnlySpan<sbyte> weights, int n, int k) => Pack(weights, n, k, Int8Gemm.BestPath);

    /// <summary>Packs B [n, k] (row-major, the first n·k elements of <paramref name="weights"/>) for <paramref name="path"/>.</summary>
    /// <exception cref="PlatformNotSupportedException">This CPU cannot run <paramref name="path"/>.</exception>
    public static PackedInt8Weights Pack(ReadOnlySpan<sbyte> weights, int n, int k, Int8Path path)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        if (weights.Length < (long)n * k)
        {
            throw new ArgumentException($"B needs {(long)n * k} elements, got {weights.Length}.", nameof(weights));
        }

        if (!Int8Gemm.IsSupported(path))
        {
            throw new PlatformNotSupportedException($"This CPU cannot run the {path} int8 path.");
        }

        int strips = (n + NR - 1) / NR;
        switch (path)
        {
            case Int8Path.AvxVnni:
            {
                int groups = (k + 3) / 4;
                var data = GC.AllocateArray<sbyte>((strips * groups * NR * 4) + 64, pinned: true);
                int offset = AlignOffset(data, 1);
                for (int j = 0; j < n; j++)
                {
                    var row = weights.Slice(j * k, k);
                    int baseIndex = offset + (j / NR * groups * NR * 4) + (j % NR * 4);
                    for (int p = 0; p < k; p++)
                    {
                        data[baseIndex + (p / 4 * NR * 4) + (p % 4)] = row[p];
                    }
                }

                return new PackedInt8Weights(n, k, path, data, null, offset);
            }

            case Int8Path.Avx2:
            {
                int pairs = (k + 1) / 2;
                var data = GC.AllocateArray<short>((strips * pairs * NR * 2) + 32, pinned: true);
                int offset = AlignOffset(data, sizeof(short));
                for (int j = 0; j < n; j++)
                {
                    var row = weights.Slice(j * k, k);
                    int baseIndex = offset + (j / NR * pairs * NR * 2) + (j % NR * 2);
                    for (int p = 0; p < k; p++)
                    {
                        data[baseIndex + (p / 2 * NR * 2) + (p % 2)] = row[p];
                    }
                }

                return new PackedInt8Weights(n, k, path, null, data, offset);
            }

            default:
                return new PackedInt8Weights(n, k, path, weights[..(n * k)].ToArray(), null, 0);
        }
    }

    /// <summary>B as given (the Scalar layout).</summary>
    internal ReadOnlySpan<sbyte> Raw => _bytes;

    /// <summary>The packed bytes (the AvxVnni layout); pinned, so the pointer stays valid.</summary>
    internal sbyte* Bytes => (sbyte*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref _bytes![_offset]);

    /// <summary>The packed int16 pairs (the Avx2 layout); pinned, so the pointer stays valid.</summary>
    internal short* Words => (short*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref _words![_offset]);

    private static int AlignOffset<T>(T[] pinned, int size)
        where T : unmanaged
    {
        fixed (T* p = pinned)
        {
            return (int)((64 - ((nint)p & 63)) & 63) / size;
        }
    }
}
