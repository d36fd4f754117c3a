namespace Astrolabe;

/// <summary>
/// The expected-improvement function h(z) = φ(z) + zΦ(z) in log space, accurate far into the left tail (where
/// expected improvement underflows to 0 and a plain EI has no gradient left): the "logEI" of Ament et al.,
/// <i>Unexpected Improvements to Expected Improvement for Bayesian Optimization</i> (NeurIPS 2023). For a Gaussian
/// Y ~ N(μ, σ²), E[(Y − f*)⁺] = σ h((μ − f*)/σ).
/// </summary>
internal static class LogEiMath
{
    /// <summary>log h(z); −∞ at z = −∞.</summary>
    public static double LogH(double z)
    {
        if (double.IsNegativeInfinity(z))
        {
            return double.NegativeInfinity;
        }

        if (z > -1)
        {
            return Math.Log(Math.Exp(NormalMath.LogPdf(z)) + (z * NormalMath.Ndtr(z)));
        }

        // h(z) = φ(z) (1 − x m(x)) with x = −z and m the Mills ratio Φ(−x)/φ(x); 1 − x m(x) ~ 1/x² − 3/x⁴ + 15/x⁶ − …
        double x = -z;
        double tail;
        if (x > 40)
        {
            double inv = 1 / (x * x);
            tail = inv * (1 - (inv * (3 - (inv * (15 - (105 * inv))))));
        }
        else
        {
            double mills = Math.Exp(NormalMath.LogNdtr(z) - NormalMath.LogPdf(z));
            tail = 1 - (x * mills);
        }

        return NormalMath.LogPdf(z) + Math.Log(tail);
    }

    /// <summary>d log h / dz = Φ(z) / h(z).</summary>
    public static double DLogH(double z, double logH) => Math.Exp(NormalMath.LogNdtr(z) - logH);

    /// <summary>
    /// log(h(b) − h(a)) for a ≤ b: log of E[(u − max(Y, l))⁺]/σ for Y ~ N(μ, σ²) with a = (l − μ)/σ, b = (u − μ)/σ, the
    /// expected improvement inside one box. a may be −∞.
    /// </summary>
    public static double LogHDifference(double a, double b)
    {
        double logB = LogH(b);
        if (double.IsNegativeInfinity(a))
        {
            return logB;
        }

        double logA = LogH(a);
        return logA >= logB ? double.NegativeInfinity : NormalMath.LogDiff(logB, logA);
    }
}
