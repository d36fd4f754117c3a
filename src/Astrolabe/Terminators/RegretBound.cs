namespace Astrolabe;

/// <summary>
/// The GP-UCB regret bound of Makarova et al. (2022), as Optuna's terminator computes it for a maximised, standardised
/// objective: max UCB over the search space minus max LCB over the observed points, with UCB/LCB = μ ± √(βσ²) of the
/// latent function's posterior and β = 2 log(d n² π² / (6δ)) / 5 (Srinivas et al.'s β scaled down by 5, as their
/// experiments and Optuna do). The maximum over the space is taken over the observed points and
/// a number of random points of the space, as Optuna's <c>optimize_acqf_sample</c> does.
/// </summary>
internal static class RegretBound
{
    /// <summary>Optuna's δ: the bound holds with probability 1 − δ.</summary>
    public const double DefaultDelta = 0.1;

    /// <summary>Optuna's number of random points for the maximum UCB over the space.</summary>
    public const int DefaultSamples = 2048;

    /// <summary>β for <paramref name="dimensions"/> parameters and <paramref name="n"/> observations.</summary>
    public static double Beta(int dimensions, int n, double delta) =>
        2 * Math.Log(dimensions * (double)n * n * Math.PI * Math.PI / 6 / delta) / 5;

    /// <summary>
    /// The bound in the model's (standardised) units for the model's own <paramref name="n"/> points
    /// (<paramref name="points"/>, row-major); never negative.
    /// </summary>
    public static double Standardized(GaussianProcess model, GpSpace space, double[] points, int n, double delta, int samples, Random random)
    {
        double sqrtBeta = Math.Sqrt(Beta(space.Dimensions, n, delta));
        var (maxUcbObserved, maxLcb) = Bounds(model, points, n, sqrtBeta);
        var candidates = new double[samples * space.Dimensions];
        for (int s = 0; s < samples; s++)
        {
            var u = candidates.AsSpan(s * space.Dimensions, space.Dimensions);
            for (int i = 0; i < u.Length; i++)
            {
                u[i] = random.NextDouble();
            }

            space.FromCube(u);
        }

        double maxUcb = Math.Max(maxUcbObserved, Bounds(model, candidates, samples, sqrtBeta).MaxUcb);
        return Math.Max(0, maxUcb - maxLcb);
    }

    /// <summary>max UCB and max LCB over <paramref name="m"/> points given row-major.</summary>
    public static (double MaxUcb, double MaxLcb) Bounds(GaussianProcess model, double[] rows, int m, double sqrtBeta)
    {
        int d = model.Dimensions;
        var columns = new double[d * m];
        for (int j = 0; j < m; j++)
        {
            for (int k = 0; k < d; k++)
            {
                columns[(k * m) + j] = rows[(j * d) + k];
            }
        }

        var mean = new double[m];
        var variance = new double[m];
        model.Posterior(columns, m, mean, variance);
        double maxUcb = double.NegativeInfinity, maxLcb = double.NegativeInfinity;
        for (int j = 0; j < m; j++)
        {
            double width = sqrtBeta * Math.Sqrt(variance[j]);
            maxUcb = Math.Max(maxUcb, mean[j] + width);
            maxLcb = Math.Max(maxLcb, mean[j] - width);
        }

        return (maxUcb, maxLcb);
    }

    /// <summary>A generator for one evaluation: the same for the same seed and trial count in every process.</summary>
    public static Random RandomFor(int? seed, int n) =>
        seed is { } s ? new Random(GpSampler.ProposalSeed(s, n)) : new Random(Random.Shared.Next());
}
