namespace Astrolabe;

/// <summary>
/// The standard normal distribution in log space: erfc (FreeBSD msun rational approximations, full double
/// precision), log Φ with an asymptotic series in the far left tail, and its inverse by Newton steps.
/// </summary>
internal static class NormalMath
{
    private const double Erx = 8.45062911510467529297e-01;
    /// <summary>log √(2π).</summary>
    public const double LogSqrt2Pi = 0.91893853320467274178;

    /// <summary>The complementary error function.</summary>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        double a = Math.Abs(x);
        double r;
        if (a < 0.84375)
        {
            return 1 - Erf(x);
        }

        if (a < 1.25)
        {
            double s = a - 1;
            double p = -2.36211856075265944077e-03 + (s * (4.14856118683748331666e-01 + (s * (-3.72207876035701323847e-01 + (s * (3.18346619901161753674e-01
                + (s * (-1.10894694282396677476e-01 + (s * (3.54783043256182359371e-02 + (s * -2.16637559486879084300e-03)))))))))));
            double q = 1 + (s * (1.06420880400844228286e-01 + (s * (5.40397917702171048937e-01 + (s * (7.18286544141962662868e-02
                + (s * (1.26171219808761642112e-01 + (s * (1.36370839120290507362e-02 + (s * 1.19844998467991074170e-02)))))))))));
            return x >= 0 ? 1 - Erx - (p / q) : 1 + Erx + (p / q);
        }

        if (a < 28)
        {
            double s = 1 / (a * a);
            double rr, ss;
            if (a < 1 / 0.35)
            {
                rr = -9.86494403484714822705e-03 + (s * (-6.93858572707181764372e-01 + (s * (-1.05586262253232909814e01 + (s * (-6.23753324503260060396e01
                    + (s * (-1.62396669462573470355e02 + (s * (-1.84605092906711035994e02 + (s * (-8.12874355063065934246e01 + (s * -9.81432934416914548592e00)))))))))))));
                ss = 1 + (s * (1.96512716674392571292e01 + (s * (1.37657754143519042600e02 + (s * (4.34565877475229228821e02 + (s * (6.45387271733267880336e02
                    + (s * (4.29008140027567833386e02 + (s * (1.08635005541779435134e02 + (s * (6.57024977031928170135e00 + (s * -6.04244152148580987438e-02)))))))))))))));
            }
            else
            {
                rr = -9.86494292470009928597e-03 + (s * (-7.99283237680523006574e-01 + (s * (-1.77579549177547519889e01 + (s * (-1.60636384855821916062e02
                    + (s * (-6.37566443368389627722e02 + (s * (-1.02509513161107724954e03 + (s * -4.83519191608651397019e02)))))))))));
                ss = 1 + (s * (3.03380607434824582924e01 + (s * (3.25792512996573918826e02 + (s * (1.53672958608443695994e03 + (s * (3.19985821950859553908e03
                    + (s * (2.55305040643316442583e03 + (s * (4.74528541206955367215e02 + (s * -2.24409524465858183362e01)))))))))))));
            }

            // Split a*a into an exact part and a small remainder as msun does, so exp keeps its precision.
            double z = BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(a) & unchecked((long)0xFFFFFFFF00000000));
            r = Math.Exp((-z * z) - 0.5625) * Math.Exp(((z - a) * (z + a)) + (rr / ss));
            return x > 0 ? r / a : 2 - (r / a);
        }

        return x > 0 ? 0 : 2;
    }

    /// <summary>The error function.</summary>
    public static double Erf(double x)
    {
        double a = Math.Abs(x);
        if (a >= 0.84375)
        {
            return x > 0 ? 1 - Erfc(x) : Erfc(-x) - 1;
        }

        if (a < 3.7252902984e-09)
        {
            return x + (1.28379167095512586316e-01 * x);
        }

        double z = x * x;
        double r = 1.28379167095512558561e-01 + (z * (-3.25042107247001499370e-01 + (z * (-2.84817495755985104766e-02 + (z * (-5.77027029648944159157e-03 + (z * -2.37630166566501626084e-05)))))));
        double s = 1 + (z * (3.97917223959155352819e-01 + (z * (6.50222499887672944485e-02 + (z * (5.08130628187576562776e-03 + (z * (1.32494738004321644526e-04 + (z * -3.96022827877536812320e-06)))))))));
        return x + (x * (r / s));
    }

    /// <summary>Φ(a), the standard normal distribution function.</summary>
    public static double Ndtr(double a) => 0.5 * Erfc(-a / Math.Sqrt(2));

    /// <summary>log Φ(a), accurate in both tails.</summary>
    public static double LogNdtr(double a)
    {
        if (a > 0)
        {
            return Log1p(-Ndtr(-a));
        }

        if (a > -20)
        {
            return Math.Log(Ndtr(a));
        }

        double logLhs = (-0.5 * a * a) - Math.Log(-a) - LogSqrt2Pi;
        double total = 1, last = 0, numerator = 1, denominator = 1, inv = 1 / (a * a);
        int sign = 1;
        for (int i = 1; Math.Abs(last - total) > double.Epsilon && i < 200; i++)
        {
            last = total;
            sign = -sign;
            denominator *= inv;
            numerator *= (2 * i) - 1;
            total += sign * numerator * denominator;
        }

        return logLhs + Math.Log(total);
    }

    /// <summary>log of the standard normal density.</summary>
    public static double LogPdf(double x) => (-0.5 * x * x) - LogSqrt2Pi;

    /// <summary>log(Φ(b) − Φ(a)) for a ≤ b, stable in the tails.</summary>
    public static double LogGaussMass(double a, double b)
    {
        if (a < -9 && b > 9)
        {
            return 0; // the mass outside is below 1e-18: log(1 − ε) rounds to −ε, negligible next to any other term
        }

        if (b <= 0)
        {
            return LogDiff(LogNdtr(b), LogNdtr(a));
        }

        if (a > 0)
        {
            return LogDiff(LogNdtr(-a), LogNdtr(-b));
        }

        return Math.Log(1 - Ndtr(a) - Ndtr(-b));
    }

    /// <summary>The x with log Φ(x) = <paramref name="logP"/>.</summary>
    public static double NdtriExp(double logP)
    {
        if (logP >= 0)
        {
            return double.PositiveInfinity;
        }

        double x = logP > -700 ? InitialGuess(Math.Exp(logP)) : -Math.Sqrt(-2 * logP);
        for (int i = 0; i < 12; i++)
        {
            double l = LogNdtr(x);
            double slope = Math.Exp(LogPdf(x) - l);
            double step = (l - logP) / slope;
            x -= step;
            if (Math.Abs(step) <= 1e-12 * (1 + Math.Abs(x)))
            {
                break;
            }
        }

        return x;
    }

    /// <summary>The quantile <paramref name="u"/> of the standard normal truncated to [a, b].</summary>
    public static double TruncatedPpf(double u, double a, double b)
    {
        if (u <= 0)
        {
            return a;
        }

        if (u >= 1)
        {
            return b;
        }

        double mass = LogGaussMass(a, b);
        return a < 0
            ? NdtriExp(LogAddExp(LogNdtr(a), Math.Log(u) + mass))
            : -NdtriExp(LogAddExp(LogNdtr(-b), Math.Log(1 - u) + mass));
    }

    private static double Log1p(double x)
    {
        double u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }

    private static double LogAddExp(double x, double y)
    {
        double m = Math.Max(x, y);
        return double.IsNegativeInfinity(m) ? m : m + Math.Log(Math.Exp(x - m) + Math.Exp(y - m));
    }

    /// <summary>log(e^<paramref name="logP"/> − e^<paramref name="logQ"/>) for logQ ≤ logP, exact when the two are close.</summary>
    public static double LogDiff(double logP, double logQ)
    {
        // log(1 − e^d) with e^d − 1 = 2 tanh(d/2) / (1 − tanh(d/2)), exact near d = 0.
        double t = Math.Tanh(0.5 * (logQ - logP));
        return logP + Math.Log(-2 * t / (1 - t));
    }

    // Acklam's rational approximation of the inverse normal distribution (relative error ~1e-9), refined by Newton.
    private static double InitialGuess(double p)
    {
        const double pLow = 0.02425;
        if (p < pLow)
        {
            double q = Math.Sqrt(-2 * Math.Log(p));
            return ((((((((((-7.784894002430293e-03 * q) - 3.223964580411365e-01) * q) - 2.400758277161838e+00) * q) - 2.549732539343734e+00) * q) + 4.374664141464968e+00) * q) + 2.938163982698783e+00)
                / ((((((((7.784695709041462e-03 * q) + 3.224671290700398e-01) * q) + 2.445134137142996e+00) * q) + 3.754408661907416e+00) * q) + 1);
        }

        if (p > 1 - pLow)
        {
            return -InitialGuess(1 - p);
        }

        double u = p - 0.5, r = u * u;
        return ((((((((((-3.969683028665376e+01 * r) + 2.209460984245205e+02) * r) - 2.759285104469687e+02) * r) + 1.383577518672690e+02) * r) - 3.066479806614716e+01) * r) + 2.506628277459239e+00) * u
            / ((((((((((-5.447609879822406e+01 * r) + 1.615858368580409e+02) * r) - 1.556989798598866e+02) * r) + 6.680131188771972e+01) * r) - 1.328068155288572e+01) * r) + 1);
    }
}
