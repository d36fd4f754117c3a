namespace Astrolabe;

/// <summary>
/// Restart strategies for a run that has stopped. IPOP (Auger and Hansen 2005) restarts from a uniformly
/// random mean with the population multiplied by IncPopsize. BIPOP (Hansen 2009) alternates: when the
/// evaluations spent in small-population runs fall behind those of large-population runs it starts a small
/// run, λ = ⌊λ₀·(½·λ_large/λ₀)^(U²)⌋ with σ = σ₀·10^(−2U) for U uniform in [0, 1); otherwise the next large
/// run, λ_large = λ₀·IncPopsize^k. The first run counts as large.
/// </summary>
internal static class CmaRestarts
{
    /// <summary>The state of the next run after <paramref name="finished"/> stopped.</summary>
    public static CmaState Next(CmaState finished, CmaRestartStrategy strategy, int incPopsize, int defaultPopsize, double sigma0, bool lrAdapt)
    {
        int n = finished.Dim;
        int restart = finished.Restart + 1;
        var rng = new Random(CmaSeeds.Mix(finished.Seed, restart, -1, -1));
        var mean = new double[n];
        for (int i = 0; i < n; i++)
        {
            mean[i] = rng.NextDouble();
        }

        long spent = (long)finished.Popsize * finished.Generation;
        bool wasSmall = finished.Small;
        long budgetLarge = finished.BudgetLarge + (wasSmall ? 0 : spent);
        long budgetSmall = finished.BudgetSmall + (wasSmall ? spent : 0);
        int popsize;
        double sigma = sigma0;
        int largeRuns = finished.LargeRuns;
        bool small = false;
        if (strategy == CmaRestartStrategy.Bipop && largeRuns > 0 && budgetSmall < budgetLarge)
        {
            double u = rng.NextDouble();
            double ratio = 0.5 * LargePopsize(defaultPopsize, incPopsize, largeRuns) / defaultPopsize;
            popsize = Math.Max(2, (int)Math.Floor(defaultPopsize * Math.Pow(ratio, u * u)));
            sigma = sigma0 * Math.Pow(10, -2 * u);
            small = true;
        }
        else if (strategy == CmaRestartStrategy.Bipop)
        {
            largeRuns++;
            popsize = LargePopsize(defaultPopsize, incPopsize, largeRuns);
        }
        else
        {
            popsize = finished.Popsize * incPopsize;
        }

        var next = CmaState.Start(finished.Names, finished.Separable, popsize, mean, sigma, null, finished.Seed, finished.MarginA is not null, lrAdapt,
            restart, budgetLarge, budgetSmall, largeRuns, small);
        return next;
    }

    private static int LargePopsize(int defaultPopsize, int incPopsize, int largeRuns) =>
        (int)Math.Min(int.MaxValue / 4, defaultPopsize * Math.Pow(incPopsize, largeRuns));
}
