namespace Astrolabe;

/// <summary>
/// Truncated-normal kernels over a float or int parameter, in the transformed space: log scale for log
/// distributions, and for stepped ones (ints included) the range widened by half a step on each side, with
/// each kernel's density integrated over the step cell around a value. Bandwidths follow Optuna: the wider
/// gap to the neighbours (univariate, and adaptive multivariate) or one common bandwidth (Optuna 3.1's
/// multivariate), clipped to [range / min(100, (kernels + 1)^exponent), range]; the prior kernel sits at the centre
/// with the whole range as bandwidth.
/// </summary>
internal sealed class NumericalDimension : ParzenDimension
{
    private readonly Distribution distribution;
    private readonly double low;
    private readonly double high;
    private readonly double step;
    private readonly double[] mus;
    private readonly double[] sigmas;
    private readonly double[] inverseSigmas;
    private readonly double[] logNormalizers;

    public NumericalDimension(Distribution distribution, ReadOnlySpan<double> observations, in ParzenSettings settings)
    {
        this.distribution = distribution;
        (low, high, step) = Bounds(distribution);
        int n = observations.Length;
        bool prior = settings.ConsiderPrior || n == 0;
        int kernels = prior ? n + 1 : n;
        mus = new double[kernels];
        for (int i = 0; i < n; i++)
        {
            mus[i] = ToModel(observations[i]);
        }

        if (prior)
        {
            mus[n] = 0.5 * (low + high);
        }

        sigmas = settings.Sigma0 is { } s0 ? Filled(kernels, s0 * (high - low)) : NeighbourGaps(settings.ConsiderEndpoints);
        double minSigma = settings.ConsiderMagicClip ? (high - low) / Math.Min(100.0, Math.Pow(1.0 + kernels, settings.ClipExponent)) : 1e-12;
        for (int k = 0; k < kernels; k++)
        {
            sigmas[k] = Math.Clamp(sigmas[k], minSigma, high - low);
        }

        if (prior)
        {
            sigmas[n] = high - low;
        }

        // As in Optuna 3.1, a continuous kernel scores exp(−z²/2) / (√(2π) · its mass inside the range),
        // without the 1/σ of a normalised density: a wide kernel is not penalised for its width. The adaptive
        // multivariate estimators are normalised (per-kernel bandwidths differ, and a density must weigh them).
        logNormalizers = new double[kernels];
        inverseSigmas = new double[kernels];
        for (int k = 0; k < kernels; k++)
        {
            inverseSigmas[k] = 1 / sigmas[k];
            double mass = NormalMath.LogGaussMass((low - mus[k]) / sigmas[k], (high - mus[k]) / sigmas[k]);
            logNormalizers[k] = step > 0 ? mass : mass + NormalMath.LogSqrt2Pi + (settings.Normalised ? Math.Log(sigmas[k]) : 0);
        }
    }

    public override double Sample(Random rng, int kernel)
    {
        double mu = mus[kernel], sigma = sigmas[kernel];
        double z = NormalMath.TruncatedPpf(rng.NextDouble(), (low - mu) / sigma, (high - mu) / sigma);
        return FromModel(Math.Clamp(mu + (sigma * z), low, high));
    }

    public override void AddConstant(Span<double> row)
    {
        for (int k = 0; k < row.Length; k++)
        {
            row[k] -= logNormalizers[k];
        }
    }

    public override void AddLogPdf(ReadOnlySpan<double> samples, Span<double> logPdf, int kernels)
    {
        for (int s = 0; s < samples.Length; s++)
        {
            double y = ToModel(samples[s]);
            var row = logPdf.Slice(s * kernels, kernels);
            if (step > 0)
            {
                double lower = Math.Max(y - (step / 2), low), upper = Math.Min(y + (step / 2), high);
                for (int k = 0; k < kernels; k++)
                {
                    row[k] += NormalMath.LogGaussMass((lower - mus[k]) * inverseSigmas[k], (upper - mus[k]) * inverseSigmas[k]);
                }
            }
            else
            {
                KernelMath.SubtractHalfSquaredDistance(row, mus, inverseSigmas, y);
            }
        }
    }

    private static (double Low, double High, double Step) Bounds(Distribution distribution) => distribution switch
    {
        FloatDistribution { Log: true } f => (Math.Log(f.Low), Math.Log(f.High), 0),
        FloatDistribution { Step: { } q } f => (f.Low - (0.5 * q), f.High + (0.5 * q), q),
        FloatDistribution f => (f.Low, f.High, 0),
        IntDistribution { Log: true } i => (Math.Log(i.Low - 0.5), Math.Log(i.High + 0.5), 0),
        IntDistribution i => (i.Low - (0.5 * i.Step), i.High + (0.5 * i.Step), i.Step),
        _ => throw new ArgumentException($"Not a numerical distribution: {distribution}."),
    };

    private static double[] Filled(int count, double value)
    {
        var result = new double[count];
        Array.Fill(result, value);
        return result;
    }

    private double ToModel(double x) => distribution is FloatDistribution { Log: true } or IntDistribution { Log: true } ? Math.Log(x) : x;

    private double FromModel(double y) => distribution switch
    {
        FloatDistribution { Log: true } f => Math.Clamp(Math.Exp(y), f.Low, f.High),
        FloatDistribution f => f.Snap(y),
        IntDistribution { Log: true } i => i.Snap(Math.Round(Math.Exp(y))),
        IntDistribution i => i.Snap(y),
        _ => y,
    };

    private double[] NeighbourGaps(bool considerEndpoints)
    {
        int count = mus.Length;
        var order = new int[count];
        for (int i = 0; i < count; i++)
        {
            order[i] = i;
        }

        var sorted = (double[])mus.Clone();
        RadixOrder.Sort(sorted, order);
        var result = new double[count];
        for (int i = 0; i < count; i++)
        {
            double left = sorted[i] - (i == 0 ? low : sorted[i - 1]);
            double right = (i == count - 1 ? high : sorted[i + 1]) - sorted[i];
            result[order[i]] = Math.Max(left, right);
        }

        if (!considerEndpoints && count >= 2)
        {
            result[order[0]] = sorted[1] - sorted[0];
            result[order[count - 1]] = sorted[count - 1] - sorted[count - 2];
        }

        return result;
    }
}
