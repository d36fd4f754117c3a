namespace Astrolabe;

/// <summary>
/// Learning-rate adaptation (Nomura, Akimoto and Ono 2023, "CMA-ES with Learning Rate Adaptation"): after a
/// standard update, the one-step changes of the mean and of Σ = σ²C, seen in the old local coordinates, feed
/// moving averages that estimate their signal-to-noise ratio; the learning rates ηm and ηΣ move so that the
/// ratio stays near α·η, and the update is redone with those rates. Constants: α = 1.4, βm = 0.1,
/// βΣ = 0.03, γ = 0.1.
/// </summary>
internal static class LearningRateAdaptation
{
    private const double Alpha = 1.4;
    private const double BetaMean = 0.1;
    private const double BetaSigma = 0.03;
    private const double Gamma = 0.1;

    /// <summary>The distribution before the standard update.</summary>
    internal sealed record Before(double[] Mean, double Sigma, double[] C, double[] InverseSqrtC);

    /// <summary>Replaces the state's mean, σ and C by the learning-rate-scaled update.</summary>
    public static void Apply(CmaState s, Before old)
    {
        int n = s.Dim;
        var lr = s.LrScalars!;
        var eMean = s.LrEMean!;
        var eSigma = s.LrESigma!;
        double etaMean = lr[0], etaSigma = lr[1], vMean = lr[2], vSigma = lr[3];

        var deltaMean = new double[n];
        for (int i = 0; i < n; i++)
        {
            deltaMean[i] = s.Mean[i] - old.Mean[i];
        }

        double sigma2 = s.Sigma * s.Sigma, oldSigma2 = old.Sigma * old.Sigma;
        var deltaSigma = new double[n * n];
        for (int i = 0; i < n * n; i++)
        {
            deltaSigma[i] = (sigma2 * s.C[i]) - (oldSigma2 * old.C[i]);
        }

        // Local coordinates: A = C^-1/2 / σ (old); Δm' = A Δm, ΔΣ' = A ΔΣ A / √2.
        var a = old.InverseSqrtC.Select(v => v / old.Sigma).ToArray();
        var locMean = MatVec(a, deltaMean, n);
        var locSigma = MatMul(MatMul(a, deltaSigma, n), a, n);
        for (int i = 0; i < locSigma.Length; i++)
        {
            locSigma[i] /= Math.Sqrt(2);
        }

        for (int i = 0; i < n; i++)
        {
            eMean[i] = ((1 - BetaMean) * eMean[i]) + (BetaMean * locMean[i]);
        }

        for (int i = 0; i < n * n; i++)
        {
            eSigma[i] = ((1 - BetaSigma) * eSigma[i]) + (BetaSigma * locSigma[i]);
        }

        vMean = ((1 - BetaMean) * vMean) + (BetaMean * SquaredNorm(locMean));
        vSigma = ((1 - BetaSigma) * vSigma) + (BetaSigma * SquaredNorm(locSigma));

        double snrMean = Snr(SquaredNorm(eMean), vMean, BetaMean);
        double snrSigma = Snr(SquaredNorm(eSigma), vSigma, BetaSigma);
        double etaMeanBefore = etaMean;
        etaMean = Math.Min(1.0, etaMean * Math.Exp(Math.Min(Gamma * etaMean, BetaMean) * Math.Clamp((snrMean / Alpha / etaMean) - 1, -1, 1)));
        etaSigma = Math.Min(1.0, etaSigma * Math.Exp(Math.Min(Gamma * etaSigma, BetaSigma) * Math.Clamp((snrSigma / Alpha / etaSigma) - 1, -1, 1)));

        for (int i = 0; i < n; i++)
        {
            s.Mean[i] = old.Mean[i] + (etaMean * deltaMean[i]);
        }

        var sigmaMatrix = new double[n * n];
        for (int i = 0; i < n * n; i++)
        {
            sigmaMatrix[i] = (oldSigma2 * old.C[i]) + (etaSigma * deltaSigma[i]);
        }

        var eig = new double[n];
        SymmetricEigen.Decompose(sigmaMatrix, n, eig, new double[n * n]);
        double logDet = eig.Sum(e => Math.Log(Math.Max(e, 1e-300)));
        double sigma = Math.Min(Math.Exp(logDet / 2.0 / n), 1e32);
        for (int i = 0; i < n * n; i++)
        {
            s.C[i] = sigmaMatrix[i] / (sigma * sigma);
        }

        s.Sigma = sigma * etaMeanBefore / etaMean;
        lr[0] = etaMean;
        lr[1] = etaSigma;
        lr[2] = vMean;
        lr[3] = vSigma;
    }

    private static double Snr(double sqNormE, double v, double beta) => (sqNormE - (beta / (2 - beta) * v)) / (v - sqNormE);

    private static double SquaredNorm(double[] v) => v.Sum(x => x * x);

    private static double[] MatVec(double[] m, double[] v, int n)
    {
        var r = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < n; k++)
            {
                r[i] += m[(i * n) + k] * v[k];
            }
        }

        return r;
    }

    private static double[] MatMul(double[] x, double[] y, int n)
    {
        var r = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < n; k++)
            {
                double xik = x[(i * n) + k];
                for (int j = 0; j < n; j++)
                {
                    r[(i * n) + j] += xik * y[(k * n) + j];
                }
            }
        }

        return r;
    }
}
