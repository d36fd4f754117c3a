namespace Astrolabe;

/// <summary>
/// The acquisition function the GP sampler maximises, in log space: log expected improvement over the best feasible
/// value (one objective; GPs model standardised values to be maximised), or log expected hypervolume improvement
/// over the feasible Pareto front (several objectives; <see cref="HypervolumeBoxes"/>, in minimised standardised
/// values, the objectives' GPs taken as independent so the expectation is exact), plus, with constraints, the log
/// probability that every constraint GP is at or below its feasibility threshold. Before any trial is feasible only
/// the probability of feasibility counts. Values are evaluated for many points at once (vectorised posteriors) or
/// for one point with the gradient over its numeric coordinates (for local search).
/// </summary>
internal sealed class GpAcquisition
{
    private readonly GaussianProcess? single;
    private readonly double best;
    private readonly GaussianProcess[]? multi;
    private readonly HypervolumeBoxes? boxes;
    private readonly GaussianProcess[] constraints;
    private readonly double[] thresholds;

    private GpAcquisition(GaussianProcess? single, double best, GaussianProcess[]? multi, HypervolumeBoxes? boxes, GaussianProcess[] constraints, double[] thresholds)
    {
        this.single = single;
        this.best = best;
        this.multi = multi;
        this.boxes = boxes;
        this.constraints = constraints;
        this.thresholds = thresholds;
        Dimensions = (single ?? multi?[0] ?? constraints[0]).Dimensions;
    }

    /// <summary>d.</summary>
    public int Dimensions { get; }

    /// <summary>log EI over <paramref name="best"/> (+ log probability of feasibility).</summary>
    public static GpAcquisition ExpectedImprovement(GaussianProcess gp, double best, GaussianProcess[] constraints, double[] thresholds) =>
        new(gp, best, null, null, constraints, thresholds);

    /// <summary>log EHVI over the boxes (+ log probability of feasibility).</summary>
    public static GpAcquisition ExpectedHypervolumeImprovement(GaussianProcess[] objectives, HypervolumeBoxes boxes, GaussianProcess[] constraints, double[] thresholds) =>
        new(null, 0, objectives, boxes, constraints, thresholds);

    /// <summary>Only the log probability of feasibility (no feasible trial yet).</summary>
    public static GpAcquisition Feasibility(GaussianProcess[] constraints, double[] thresholds) =>
        new(null, 0, null, null, constraints, thresholds);

    /// <summary>The acquisition at <paramref name="m"/> points given column-wise (d rows of m values).</summary>
    public void Evaluate(ReadOnlySpan<double> columns, int m, Span<double> result)
    {
        result.Clear();
        var mean = new double[m];
        var variance = new double[m];
        if (single is not null)
        {
            single.Posterior(columns, m, mean, variance);
            for (int j = 0; j < m; j++)
            {
                double sigma = Math.Sqrt(variance[j]);
                result[j] += Math.Log(sigma) + LogEiMath.LogH((mean[j] - best) / sigma);
            }
        }
        else if (multi is not null)
        {
            int k = multi.Length;
            var means = new double[k * m];
            var sigmas = new double[k * m];
            for (int o = 0; o < k; o++)
            {
                multi[o].Posterior(columns, m, means.AsSpan(o * m, m), sigmas.AsSpan(o * m, m));
            }

            Span<double> mu = stackalloc double[k];
            Span<double> sd = stackalloc double[k];
            for (int j = 0; j < m; j++)
            {
                for (int o = 0; o < k; o++)
                {
                    mu[o] = -means[(o * m) + j];
                    sd[o] = Math.Sqrt(sigmas[(o * m) + j]);
                }

                result[j] += LogEhvi(mu, sd, null, null);
            }
        }

        for (int c = 0; c < constraints.Length; c++)
        {
            constraints[c].Posterior(columns, m, mean, variance);
            for (int j = 0; j < m; j++)
            {
                result[j] += NormalMath.LogNdtr((thresholds[c] - mean[j]) / Math.Sqrt(variance[j]));
            }
        }
    }

    /// <summary>The acquisition at one point and its gradient over the numeric coordinates.</summary>
    public double ValueAndGradient(ReadOnlySpan<double> point, Span<double> gradient)
    {
        int d = Dimensions;
        gradient.Clear();
        Span<double> dMean = stackalloc double[d];
        Span<double> dVar = stackalloc double[d];
        double value = 0;
        if (single is not null)
        {
            var (mean, variance) = single.PosteriorWithGradient(point, dMean, dVar);
            double sigma = Math.Sqrt(variance);
            double z = (mean - best) / sigma;
            double logH = LogEiMath.LogH(z);
            value += Math.Log(sigma) + logH;
            double byMean = LogEiMath.DLogH(z, logH) / sigma;
            double bySigma = Math.Exp(NormalMath.LogPdf(z) - logH) / sigma;
            for (int i = 0; i < d; i++)
            {
                gradient[i] += (byMean * dMean[i]) + (bySigma * dVar[i] / (2 * sigma));
            }
        }
        else if (multi is not null)
        {
            int k = multi.Length;
            var mu = new double[k];
            var sd = new double[k];
            var dMu = new double[k * d];
            var dSd = new double[k * d];
            for (int o = 0; o < k; o++)
            {
                var (mean, variance) = multi[o].PosteriorWithGradient(point, dMean, dVar);
                mu[o] = -mean;
                sd[o] = Math.Sqrt(variance);
                for (int i = 0; i < d; i++)
                {
                    dMu[(o * d) + i] = -dMean[i];
                    dSd[(o * d) + i] = dVar[i] / (2 * sd[o]);
                }
            }

            var byMu = new double[k];
            var bySd = new double[k];
            value += LogEhvi(mu, sd, byMu, bySd);
            for (int o = 0; o < k; o++)
            {
                for (int i = 0; i < d; i++)
                {
                    gradient[i] += (byMu[o] * dMu[(o * d) + i]) + (bySd[o] * dSd[(o * d) + i]);
                }
            }
        }

        for (int c = 0; c < constraints.Length; c++)
        {
            var (mean, variance) = constraints[c].PosteriorWithGradient(point, dMean, dVar);
            double sigma = Math.Sqrt(variance);
            double z = (thresholds[c] - mean) / sigma;
            double logPhi = NormalMath.LogNdtr(z);
            value += logPhi;
            double byZ = Math.Exp(NormalMath.LogPdf(z) - logPhi);
            for (int i = 0; i < d; i++)
            {
                double dSigma = dVar[i] / (2 * sigma);
                gradient[i] += byZ * ((-dMean[i] / sigma) - (z / sigma * dSigma));
            }
        }

        return value;
    }

    /// <summary>
    /// log EHVI for independent Gaussians N(μ_o, σ_o²) of minimised objectives: log Σ_boxes Π_o σ_o (h(b) − h(a)), with
    /// a = (l − μ)/σ, b = (u − μ)/σ. With <paramref name="byMu"/> given, also its derivatives by μ and σ.
    /// </summary>
    private double LogEhvi(ReadOnlySpan<double> mu, ReadOnlySpan<double> sd, double[]? byMu, double[]? bySd)
    {
        var b = boxes!;
        int k = mu.Length, count = b.Count;
        var logs = new double[count];
        double max = double.NegativeInfinity;
        for (int box = 0; box < count; box++)
        {
            double sum = 0;
            for (int o = 0; o < k && sum > double.NegativeInfinity; o++)
            {
                double lo = (b.Lower[(box * k) + o] - mu[o]) / sd[o];
                double hi = (b.Upper[(box * k) + o] - mu[o]) / sd[o];
                sum += Math.Log(sd[o]) + LogEiMath.LogHDifference(lo, hi);
            }

            logs[box] = sum;
            max = Math.Max(max, sum);
        }

        if (double.IsNegativeInfinity(max))
        {
            return double.NegativeInfinity;
        }

        double total = 0;
        for (int box = 0; box < count; box++)
        {
            total += Math.Exp(logs[box] - max);
        }

        double result = max + Math.Log(total);
        if (byMu is null || bySd is null)
        {
            return result;
        }

        // d log EHVI = Σ_box w_box Σ_o d log ψ_box,o, with w the boxes' shares and
        // d log ψ/dμ = −(Φ(b) − Φ(a))/(σH), d log ψ/dσ = (φ(b) − φ(a))/(σH), H = h(b) − h(a).
        for (int box = 0; box < count; box++)
        {
            double weight = Math.Exp(logs[box] - result);
            if (weight < 1e-300)
            {
                continue;
            }

            for (int o = 0; o < k; o++)
            {
                double lo = (b.Lower[(box * k) + o] - mu[o]) / sd[o];
                double hi = (b.Upper[(box * k) + o] - mu[o]) / sd[o];
                double logH = LogEiMath.LogHDifference(lo, hi);
                double mass = Math.Exp(NormalMath.LogGaussMass(Math.Max(lo, -1e300), hi) - logH);
                double density = Math.Exp(NormalMath.LogPdf(hi) - logH) - (double.IsNegativeInfinity(lo) ? 0 : Math.Exp(NormalMath.LogPdf(lo) - logH));
                byMu[o] += weight * -mass / sd[o];
                bySd[o] += weight * density / sd[o];
            }
        }

        return result;
    }
}
