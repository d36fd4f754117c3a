namespace Astrolabe;

/// <summary>
/// PED-ANOVA's one-dimensional Parzen estimator on a grid (Watanabe et al., "PED-ANOVA: efficiently quantifying
/// hyperparameter importance in arbitrary subspaces", IJCAI 2023; Optuna's <c>_ScottParzenEstimator</c>). A parameter's
/// values are counted in the cells of a grid: for a float or int parameter at most 50 evenly spaced points over its
/// range (on a log scale for log parameters; one per step for stepped ones; ⌈log₂(width + 1)⌉ + 1 for log ints), a value
/// counted at the first point at or above it minus half a spacing; for a categorical one, one cell per choice. The
/// density on the grid is a mixture, weighted by the counts, of one kernel per occupied cell plus a flat prior kernel
/// of weight 1: for numbers a normal kernel discretised to the cells and truncated to the grid, of Scott's bandwidth
/// 1.059 · min(IQR / 1.34, σ) · n^−0.2 (at least 0.5 / 1.64 cells), the prior centred with a width of the whole grid;
/// for categories a kernel putting (1 + w) / (1 + k·w) on its choice and w / (1 + k·w) on each other, w = 1 / (occupied + 1).
/// </summary>
internal static class ParzenGrid
{
    /// <summary>The most grid points of a numerical parameter.</summary>
    public const int MaxSteps = 50;

    private const double PriorWeight = 1.0;

    /// <summary>How many grid cells the parameter's distribution has.</summary>
    public static int Cells(Distribution distribution) => distribution switch
    {
        CategoricalDistribution c => c.Choices.Count,
        IntDistribution { Log: true } i => Math.Min((int)Math.Ceiling(Math.Log(i.High - i.Low + 1) / Math.Log(2)) + 1, MaxSteps),
        IntDistribution i => (int)Math.Min(i.Count, MaxSteps),
        FloatDistribution { Step: { } s } f => (int)Math.Min(Math.Round((f.High - f.Low) / s) + 1, MaxSteps),
        FloatDistribution => MaxSteps,
        _ => throw new ArgumentException($"PED-ANOVA cannot grid a {distribution.GetType().Name}."),
    };

    /// <summary>How many of <paramref name="values"/> (internal values) fall in each cell of the grid.</summary>
    public static double[] Count(Distribution distribution, IEnumerable<double> values)
    {
        int cells = Cells(distribution);
        var counts = new double[cells];
        if (distribution is CategoricalDistribution)
        {
            foreach (double v in values)
            {
                counts[(int)v]++;
            }

            return counts;
        }

        var (low, high, log) = distribution switch
        {
            FloatDistribution f => (f.Low, f.High, f.Log),
            IntDistribution i => ((double)i.Low, (double)i.High, i.Log),
            _ => throw new ArgumentException($"PED-ANOVA cannot grid a {distribution.GetType().Name}."),
        };
        double from = log ? Math.Log(low) : low, to = log ? Math.Log(high) : high;
        double spacing = (to - from) / (cells - 1);
        foreach (double value in values)
        {
            double v = (log ? Math.Log(value) : value) - (spacing / 2);

            // The first grid point at or above v (numpy.searchsorted, side "left").
            int cell = (int)Math.Clamp(Math.Ceiling((v - from) / spacing), 0, cells);
            while (cell > 0 && GridPoint(from, to, cells, cell - 1) >= v)
            {
                cell--;
            }

            while (cell < cells && GridPoint(from, to, cells, cell) < v)
            {
                cell++;
            }

            counts[Math.Min(cell, cells - 1)]++;
        }

        return counts;
    }

    /// <summary>The estimator's probability of each cell given the counts.</summary>
    public static double[] Density(Distribution distribution, double[] counts) =>
        distribution is CategoricalDistribution ? Categorical(counts) : Numerical(counts);

    private static double GridPoint(double from, double to, int cells, int i) =>
        i == cells - 1 ? to : from + ((to - from) * i / (cells - 1));

    private static double[] Categorical(double[] counts)
    {
        int n = counts.Length;
        int occupied = counts.Count(c => c > 0);
        double fill = PriorWeight / (occupied + 1);
        double rowSum = 1 + (n * fill);
        double total = counts.Sum() + PriorWeight;
        var pdf = new double[n];
        for (int x = 0; x < n; x++)
        {
            // The prior kernel is flat; each occupied cell's kernel puts its extra mass on its own choice.
            double p = PriorWeight / n;
            for (int k = 0; k < n; k++)
            {
                if (counts[k] > 0)
                {
                    p += counts[k] * ((k == x ? 1 + fill : fill) / rowSum);
                }
            }

            pdf[x] = p / total;
        }

        return pdf;
    }

    private static double[] Numerical(double[] counts)
    {
        int n = counts.Length;
        double total = counts.Sum();
        double mean = 0;
        for (int i = 0; i < n; i++)
        {
            mean += i * counts[i] / total;
        }

        double squares = 0;
        for (int i = 0; i < n; i++)
        {
            squares += (i - mean) * (i - mean) * counts[i];
        }

        double sigma = Math.Sqrt(squares / Math.Max(1, total - 1));
        double iqr = Quantile(counts, Math.Floor(total * 3 / 4), upper: true) - Quantile(counts, Math.Floor(total / 4), upper: false);
        double bandwidth = Math.Max(1.059 * Math.Min(iqr / 1.34, sigma) * Math.Pow(total, -0.2), 0.5 / 1.64);
        var pdf = new double[n];
        double priorMu = 0.5 * (n - 1), priorSigma = n;
        for (int x = 0; x < n; x++)
        {
            double p = PriorWeight * Kernel(x, priorMu, priorSigma, n);
            for (int k = 0; k < n; k++)
            {
                if (counts[k] > 0)
                {
                    p += counts[k] * Kernel(x, k, bandwidth, n);
                }
            }

            pdf[x] = p / (total + PriorWeight);
        }

        return pdf;
    }

    // The cell index where the cumulative count of occupied cells first reaches the rank (numpy.searchsorted on the
    // cumulative counts: side "left" for the lower quartile, "right" for the upper, clipped to the last occupied cell).
    private static int Quantile(double[] counts, double rank, bool upper)
    {
        double cumulative = 0;
        int lastOccupied = 0;
        for (int i = 0; i < counts.Length; i++)
        {
            if (counts[i] <= 0)
            {
                continue;
            }

            cumulative += counts[i];
            lastOccupied = i;
            if (upper ? cumulative > rank : cumulative >= rank)
            {
                return i;
            }
        }

        return lastOccupied;
    }

    // A normal kernel discretised to unit cells and truncated to [−0.5, n − 0.5].
    private static double Kernel(int x, double mu, double sigma, int n)
    {
        double lo = Math.Max(x - 0.5, -0.5), hi = Math.Min(x + 0.5, n - 0.5);
        double mass = NormalMath.LogGaussMass((lo - mu) / sigma, (hi - mu) / sigma);
        double accept = NormalMath.LogGaussMass((-0.5 - mu) / sigma, (n - 0.5 - mu) / sigma);
        return Math.Exp(mass - accept);
    }
}
