namespace Astrolabe;

/// <summary>
/// CMA-ES with margin (Hamano, Saito, Nomura and Shirakawa 2022) for integer and stepped parameters. A sample's
/// discrete coordinates are encoded onto the grid after an affine scaling A around the mean; after each
/// update the mean and A are corrected so that, along every discrete coordinate, the probability of drawing a
/// value other than the mean's own stays at least the margin α = 1 / (n·λ): discrete variables never freeze.
/// </summary>
internal sealed class CmaMargin
{
    private readonly int[] discrete;
    private readonly double[][] values;
    private readonly double[][] limits;

    /// <summary>Builds the grids of the dimensions with a positive step (in [0, 1] units).</summary>
    public CmaMargin(double[] steps)
    {
        discrete = [.. Enumerable.Range(0, steps.Length).Where(i => steps[i] > 0)];
        values = new double[discrete.Length][];
        limits = new double[discrete.Length][];
        for (int k = 0; k < discrete.Length; k++)
        {
            double s = steps[discrete[k]];
            int count = (int)Math.Round(1 / s) + 1;
            values[k] = [.. Enumerable.Range(0, count).Select(j => Math.Min(1.0, j * s))];
            limits[k] = [.. Enumerable.Range(0, count - 1).Select(j => (values[k][j] + values[k][j + 1]) / 2)];
        }
    }

    /// <summary>Whether any dimension is discrete.</summary>
    public bool Any => discrete.Length > 0;

    /// <summary>Whether dimension <paramref name="i"/> is discrete.</summary>
    public bool IsDiscrete(int i) => Array.IndexOf(discrete, i) >= 0;

    /// <summary>The point to evaluate: raw x with its discrete coordinates encoded onto their grids.</summary>
    public double[] Encode(CmaState s, double[] x)
    {
        var encoded = (double[])x.Clone();
        for (int k = 0; k < discrete.Length; k++)
        {
            int i = discrete[k];
            double scaled = s.Mean[i] + (s.MarginA![i] * (x[i] - s.Mean[i]));
            encoded[i] = values[k][limits[k].Count(l => l < scaled)];
        }

        return encoded;
    }

    /// <summary>Corrects the mean and A after a CMA-ES update.</summary>
    public void Correct(CmaState s)
    {
        if (!Any)
        {
            return;
        }

        int n = s.Dim;
        double alpha = 1.0 / (n * s.Popsize);
        var a = s.MarginA!;
        for (int k = 0; k < discrete.Length; k++)
        {
            int i = discrete[k];
            var lim = limits[k];
            double m = s.Mean[i];
            int cell = lim.Count(l => l < m);
            double low = cell == 0 ? lim[0] : lim[cell - 1];
            double up = cell == lim.Length ? lim[^1] : lim[cell];
            double cii = s.Separable ? s.C[i] : s.C[(i * n) + i];
            double scale = s.Sigma * a[i] * Math.Sqrt(cii);
            double lowCdf = MarginDistributions.Cdf(low, m, scale);
            double upCdf = 1.0 - MarginDistributions.Cdf(up, m, scale);
            double midCdf = 1.0 - (lowCdf + upCdf);
            if (Math.Max(lowCdf, upCdf) > 0.5)
            {
                if (Math.Min(lowCdf, upCdf) < alpha)
                {
                    double dist = s.Sigma * a[i] * Math.Sqrt(MarginDistributions.Chi2Ppf1(1.0 - (2.0 * alpha)) * cii);
                    s.Mean[i] = up + (Math.Sign(m - up) * dist);
                }

                continue;
            }

            lowCdf = Math.Max(lowCdf, alpha / 2);
            upCdf = Math.Max(upCdf, alpha / 2);
            double rest = 1.0 - lowCdf - upCdf - midCdf;
            double denominator = lowCdf + midCdf + upCdf - (3.0 * alpha / 2);
            double modLow = Math.Clamp(lowCdf + (rest * (lowCdf - (alpha / 2)) / denominator), 1e-10, 0.5 - 1e-10);
            double modUp = Math.Clamp(upCdf + (rest * (upCdf - (alpha / 2)) / denominator), 1e-10, 0.5 - 1e-10);
            double chiLow = Math.Sqrt(MarginDistributions.Chi2Ppf1(1.0 - (2 * modLow)));
            double chiUp = Math.Sqrt(MarginDistributions.Chi2Ppf1(1.0 - (2 * modUp)));
            a[i] = (up - low) / ((chiLow + chiUp) * s.Sigma * Math.Sqrt(cii));
            s.Mean[i] = ((low * chiUp) + (up * chiLow)) / (chiLow + chiUp);
        }
    }
}
