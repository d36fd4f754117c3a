using System.Numerics.Tensors;

namespace Astrolabe.Optim;

/// <summary>Vector norms of float buffers, accumulated in double.</summary>
internal static class Norms
{
    private const int Block = 4096;

    /// <summary>The sum of squares.</summary>
    public static double SumOfSquares(ReadOnlySpan<float> x)
    {
        double sum = 0;
        for (int s = 0; s < x.Length; s += Block)
        {
            sum += TensorPrimitives.SumOfSquares(x.Slice(s, Math.Min(Block, x.Length - s)));
        }

        return sum;
    }

    /// <summary>The Euclidean norm.</summary>
    public static double L2(ReadOnlySpan<float> x) => Math.Sqrt(SumOfSquares(x));

    /// <summary>The largest absolute value (NaN when any element is NaN); 0 for an empty buffer.</summary>
    public static double MaxAbs(ReadOnlySpan<float> x) => x.IsEmpty ? 0 : Math.Abs(TensorPrimitives.MaxMagnitude(x));

    /// <summary><c>Σ |x|^p</c> for a finite p &gt; 0.</summary>
    public static double SumOfPowers(ReadOnlySpan<float> x, double p)
    {
        if (p == 2)
        {
            return SumOfSquares(x);
        }

        if (p == 1)
        {
            double s1 = 0;
            for (int s = 0; s < x.Length; s += Block)
            {
                s1 += TensorPrimitives.SumOfMagnitudes(x.Slice(s, Math.Min(Block, x.Length - s)));
            }

            return s1;
        }

        double sum = 0;
        foreach (float v in x)
        {
            sum += Math.Pow(Math.Abs(v), p);
        }

        return sum;
    }

    /// <summary>Whether every element is finite.</summary>
    public static bool AllFinite(ReadOnlySpan<float> x) => double.IsFinite(MaxAbs(x));
}
