namespace Astrolabe;

/// <summary>
/// The standard normal distribution's tail probabilities, accurate to a few ulps over the whole range:
/// erfc as 1 − erf (positive-term series) below 1, and from its continued fraction (modified Lentz) above.
/// </summary>
internal static class NormalDistribution
{
    private const double TwoOverSqrtPi = 1.1283791670955126;

    /// <summary>P(Z ≤ z).</summary>
    public static double Cdf(double z) => 0.5 * Erfc(-z / Math.Sqrt(2));

    /// <summary>P(Z &gt; z).</summary>
    public static double Sf(double z) => 0.5 * Erfc(z / Math.Sqrt(2));

    /// <summary>The complementary error function.</summary>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        if (x < 0)
        {
            return 2 - Erfc(-x);
        }

        return x < 1 ? 1 - ErfSeries(x) : ErfcContinuedFraction(x);
    }

    // erf(x) = 2/√π · e^{−x²} · Σ 2ⁿ x^{2n+1} / (1·3·…·(2n+1)): every term positive, no cancellation.
    private static double ErfSeries(double x)
    {
        double term = x;
        double sum = x;
        for (int n = 1; n < 200 && term > sum * 1e-17; n++)
        {
            term *= 2 * x * x / ((2 * n) + 1);
            sum += term;
        }

        return TwoOverSqrtPi * Math.Exp(-x * x) * sum;
    }

    // erfc(x) = e^{−x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …))))).
    private static double ErfcContinuedFraction(double x)
    {
        const double tiny = 1e-300;
        double f = x;
        double c = x;
        double d = 0;
        for (int k = 1; k < 500; k++)
        {
            double a = k / 2.0;
            d = x + (a * d);
            d = d == 0 ? tiny : d;
            c = x + (a / c);
            c = c == 0 ? tiny : c;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1) < 1e-16)
            {
                break;
            }
        }

        return Math.Exp(-x * x) / Math.Sqrt(Math.PI) / f;
    }
}
