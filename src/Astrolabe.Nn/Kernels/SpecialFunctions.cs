namespace Astrolabe.Nn.Kernels;

/// <summary>Scalar special functions .NET lacks.</summary>
internal static class SpecialFunctions
{
    private static readonly double[] s_erfcCoefficients =
    [
        -1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806,
        0.27886807, -1.13520398, 1.48851587, -0.82215223, 0.17087277,
    ];

    /// <summary>
    /// The error function, from the complementary error function's Chebyshev fit (Numerical Recipes
    /// <c>erfcc</c>): absolute error below 1.2e-7 everywhere, evaluated in double.
    /// </summary>
    public static double Erf(double x)
    {
        double z = Math.Abs(x);
        double t = 1.0 / (1.0 + (0.5 * z));
        double poly = s_erfcCoefficients[^1];
        for (int i = s_erfcCoefficients.Length - 2; i >= 0; i--)
        {
            poly = (poly * t) + s_erfcCoefficients[i];
        }

        double r = t * Math.Exp(-(z * z) + poly);
        return x >= 0 ? 1.0 - r : r - 1.0;
    }
}
