namespace Astrolabe.Nn;

/// <summary>Shape arithmetic and formatting shared by the operations.</summary>
internal static class Shapes
{
    public static int Numel(ReadOnlySpan<int> shape)
    {
        long n = 1;
        foreach (int d in shape)
        {
            if (d < 0)
            {
                throw new ArgumentException($"Negative dimension in shape {Format(shape)}.");
            }

            n *= d;
        }

        return n <= int.MaxValue
            ? (int)n
            : throw new ArgumentException($"Shape {Format(shape)} has more than {int.MaxValue} elements.");
    }

    public static string Format(ReadOnlySpan<int> shape) => "[" + string.Join(", ", shape.ToArray()) + "]";

    public static bool Equal(ReadOnlySpan<int> a, ReadOnlySpan<int> b) => a.SequenceEqual(b);

    /// <summary>Throws a clear error naming <paramref name="op"/> when the two shapes differ.</summary>
    public static void RequireSame(Tensor a, Tensor b, string op)
    {
        if (!Equal(a.ShapeSpan, b.ShapeSpan))
        {
            throw new ArgumentException(
                $"{op}: shapes {Format(a.ShapeSpan)} and {Format(b.ShapeSpan)} must be equal.");
        }
    }

    /// <summary>Throws a clear error naming <paramref name="op"/> when the rank differs.</summary>
    public static void RequireRank(Tensor x, int rank, string op, string layout)
    {
        if (x.Rank != rank)
        {
            throw new ArgumentException(
                $"{op}: expected a rank-{rank} input {layout}, got shape {Format(x.ShapeSpan)}.");
        }
    }
}
