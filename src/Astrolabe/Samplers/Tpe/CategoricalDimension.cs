namespace Astrolabe;

/// <summary>
/// Categorical kernels: kernel k puts mass 1 + w on its observed choice and w on every other one
/// (w = prior weight / kernels), normalised; the prior kernel is uniform.
/// </summary>
internal sealed class CategoricalDimension : ParzenDimension
{
    private readonly int choices;
    private readonly double[] probabilities;
    private readonly double[] logProbabilities;

    public CategoricalDimension(int choices, ReadOnlySpan<double> observations, in ParzenSettings settings)
    {
        this.choices = choices;
        int n = observations.Length;
        bool prior = settings.ConsiderPrior || n == 0;
        int kernels = prior ? n + 1 : n;
        double smoothing = settings.PriorWeight / kernels;
        probabilities = new double[kernels * choices];
        logProbabilities = new double[kernels * choices];
        for (int k = 0; k < kernels; k++)
        {
            var row = probabilities.AsSpan(k * choices, choices);
            row.Fill(smoothing);
            if (k < n)
            {
                row[(int)observations[k]] += 1;
            }

            double total = smoothing * choices + (k < n ? 1 : 0);
            for (int c = 0; c < choices; c++)
            {
                row[c] /= total;
                logProbabilities[(k * choices) + c] = Math.Log(row[c]);
            }
        }
    }

    public override double Sample(Random rng, int kernel)
    {
        double u = rng.NextDouble();
        var row = probabilities.AsSpan(kernel * choices, choices);
        double cumulative = 0;
        for (int c = 0; c < choices - 1; c++)
        {
            cumulative += row[c];
            if (u < cumulative)
            {
                return c;
            }
        }

        return choices - 1;
    }

    public override void AddLogPdf(ReadOnlySpan<double> samples, Span<double> logPdf, int kernels)
    {
        for (int s = 0; s < samples.Length; s++)
        {
            int c = (int)samples[s];
            var row = logPdf.Slice(s * kernels, kernels);
            for (int k = 0; k < kernels; k++)
            {
                row[k] += logProbabilities[(k * choices) + c];
            }
        }
    }
}
