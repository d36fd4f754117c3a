namespace Astrolabe;

/// <summary>Standard normal and chi-squared (one degree of freedom) functions used by CMA with margin.</summary>
internal static class MarginDistributions
{
    /// <summary>Φ(x), the standard normal cumulative distribution.</summary>
    public static double Cdf(double x) => NormalMath.Ndtr(x);

    /// <summary>Φ((x − mean) / scale).</summary>
    public static double Cdf(double x, double mean, double scale) => Cdf((x - mean) / scale);

    /// <summary>Φ⁻¹(p) for p in (0, 1): Acklam's rational approximation refined by one Halley step.</summary>
    public static double Ppf(double p)
    {
        if (p <= 0)
        {
            return double.NegativeInfinity;
        }

        if (p >= 1)
        {
            return double.PositiveInfinity;
        }

        double x;
        if (p < 0.02425)
        {
            double q = Math.Sqrt(-2 * Math.Log(p));
            x = (((((-7.784894002430293e-03 * q - 3.223964580411365e-01) * q - 2.400758277161838e+00) * q - 2.549732539343734e+00) * q + 4.374664141464968e+00) * q + 2.938163982698783e+00)
                / ((((7.784695709041462e-03 * q + 3.224671290700398e-01) * q + 2.445134137142996e+00) * q + 3.754408661907416e+00) * q + 1);
        }
        else if (p > 1 - 0.02425)
        {
            return -Ppf(1 - p);
        }
        else
        {
            double q = p - 0.5, r = q * q;
            x = (((((-3.969683028665376e+01 * r + 2.209460984245205e+02) * r - 2.759285104469687e+02) * r + 1.383577518672690e+02) * r - 3.066479806614716e+01) * r + 2.506628277459239e+00) * q
                / (((((-5.447609879822406e+01 * r + 1.615858368580409e+02) * r - 1.556989798598866e+02) * r + 6.680131188771972e+01) * r - 1.328068155288572e+01) * r + 1);
        }

        double e = Cdf(x) - p;
        double u = e * Math.Sqrt(2 * Math.PI) * Math.Exp(x * x / 2);
        return x - (u / (1 + (x * u / 2)));
    }

    /// <summary>The q-quantile of the chi-squared distribution with one degree of freedom.</summary>
    public static double Chi2Ppf1(double q)
    {
        double z = Ppf((1 + q) / 2);
        return z * z;
    }
}
