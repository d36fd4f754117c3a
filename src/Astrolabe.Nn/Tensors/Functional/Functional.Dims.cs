namespace Astrolabe.Nn;

public static partial class Functional
{
    /// <summary>
    /// <paramref name="dim"/> as an index in [0, <paramref name="rank"/>), where −1 is the last dimension, or a clear
    /// error naming <paramref name="op"/>.
    /// </summary>
    private static int NormalizeDim(int dim, int rank, string op)
    {
        if (dim < -rank || dim >= rank)
        {
            throw new ArgumentOutOfRangeException(
                nameof(dim), $"{op}: dimension {dim} is out of range for a rank-{rank} tensor (expected {-rank} … {rank - 1}).");
        }

        return dim < 0 ? dim + rank : dim;
    }

    /// <summary>Views <paramref name="shape"/> around dimension <paramref name="dim"/> as [outer, size, inner].</summary>
    private static (int Outer, int Size, int Inner) AroundDim(ReadOnlySpan<int> shape, int dim) =>
        (Shapes.Numel(shape[..dim]), shape[dim], Shapes.Numel(shape[(dim + 1)..]));

    /// <summary><paramref name="shape"/> with dimension <paramref name="dim"/> set to <paramref name="size"/>, or removed when <paramref name="size"/> is −1.</summary>
    private static int[] WithDim(ReadOnlySpan<int> shape, int dim, int size)
    {
        if (size >= 0)
        {
            var s = shape.ToArray();
            s[dim] = size;
            return s;
        }

        return [.. shape[..dim], .. shape[(dim + 1)..]];
    }
}
