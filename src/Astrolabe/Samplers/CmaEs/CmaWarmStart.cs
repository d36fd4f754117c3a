namespace Astrolabe;

/// <summary>
/// Warm starting (Nomura et al. 2021, WS-CMA-ES): the initial Gaussian is fitted to the best γ = 10% of an
/// earlier study's solutions with a prior α = 0.1, Σ = α²I + Cov(top); σ = det(Σ)^(1/2n) and C = Σ / σ².
/// </summary>
internal static class CmaWarmStart
{
    private const double Gamma = 0.1;
    private const double Alpha = 0.1;

    /// <summary>Returns the initial mean, σ and C (row-major) from solutions in [0, 1]^n (lower value is better).</summary>
    public static (double[] Mean, double Sigma, double[] C) Fit(IReadOnlyList<(double[] X, double Value)> solutions)
    {
        if (solutions.Count == 0)
        {
            throw new ArgumentException("SourceTrials has no finished trial whose parameters cover this search space.");
        }

        int count = Math.Max(1, (int)Math.Floor(solutions.Count * Gamma));
        var top = solutions.OrderBy(s => s.Value).Take(count).Select(s => s.X).ToArray();
        int n = top[0].Length;
        var mean = new double[n];
        foreach (var x in top)
        {
            for (int i = 0; i < n; i++)
            {
                mean[i] += x[i] / count;
            }
        }

        var sigmaMatrix = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double cov = top.Sum(x => (x[i] - mean[i]) * (x[j] - mean[j])) / count;
                sigmaMatrix[(i * n) + j] = cov + (i == j ? Alpha * Alpha : 0);
            }
        }

        var eig = new double[n];
        SymmetricEigen.Decompose(sigmaMatrix, n, eig, new double[n * n]);
        double logDet = eig.Sum(e => Math.Log(Math.Max(e, 1e-300)));
        double sigma = Math.Exp(logDet / (2.0 * n));
        var c = sigmaMatrix.Select(v => v / (sigma * sigma)).ToArray();
        return (mean, sigma, c);
    }
}
