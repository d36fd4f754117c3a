namespace Astrolabe;

/// <summary>
/// The Matérn-5/2 kernel on a squared distance r² = Σ_d λ_d δ_d(x, x′), where δ_d is the squared difference for a
/// numeric dimension and [x_d ≠ x′_d] (Hamming) for a categorical one:
/// k = scale · (1 + √5 r + 5r²/3) e^(−√5 r). Its derivative with respect to r² is −scale · 5/6 · (1 + √5 r) e^(−√5 r),
/// finite at r = 0.
/// </summary>
internal static class MaternKernel
{
    private static readonly double Sqrt5 = Math.Sqrt(5);

    /// <summary>The kernel's value without its scale, at squared distance <paramref name="r2"/>.</summary>
    public static double Value(double r2)
    {
        double r = Math.Sqrt(r2);
        return (1 + (Sqrt5 * r) + (5.0 / 3.0 * r2)) * Math.Exp(-Sqrt5 * r);
    }

    /// <summary>d(value)/d(r²) without the scale.</summary>
    public static double DerivativeBySquaredDistance(double r2)
    {
        double r = Math.Sqrt(r2);
        return -5.0 / 6.0 * (1 + (Sqrt5 * r)) * Math.Exp(-Sqrt5 * r);
    }

    /// <summary>Both at once, sharing the exponential.</summary>
    public static (double Value, double Derivative) ValueAndDerivative(double r2)
    {
        double r = Math.Sqrt(r2);
        double e = Math.Exp(-Sqrt5 * r);
        return ((1 + (Sqrt5 * r) + (5.0 / 3.0 * r2)) * e, -5.0 / 6.0 * (1 + (Sqrt5 * r)) * e);
    }

    /// <summary>The squared distance between two points under the length scales.</summary>
    public static double SquaredDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b, double[] inverseSquaredLengthscales, bool[] categorical)
    {
        double r2 = 0;
        for (int k = 0; k < a.Length; k++)
        {
            double diff = a[k] - b[k];
            r2 += inverseSquaredLengthscales[k] * (categorical[k] ? (diff != 0 ? 1 : 0) : diff * diff);
        }

        return r2;
    }
}
