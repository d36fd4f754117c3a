namespace Astrolabe;

/// <summary>
/// PED-ANOVA importances (Watanabe, Bansal and Hutter, "PED-ANOVA: efficiently quantifying hyperparameter importance in
/// arbitrary subspaces", IJCAI 2023; Optuna's <c>PedAnovaImportanceEvaluator</c>): how differently a parameter is
/// spread among the best trials than among all of them. The best trials are those at or better than the
/// <see cref="BaselineQuantile"/> quantile of the target (in the target's direction; at least two). For each parameter
/// a Parzen estimator on a grid (see <see cref="ParzenGrid"/>) is built from the best trials, p_top, and one from all
/// trials, p_all (or the uniform density over the grid when <see cref="EvaluateOnLocal"/> is false); the importance is
/// the Pearson divergence Σ p_all · (p_top / p_all − 1)² over the grid (1e-12 added to both densities). Closed form
/// and deterministic; cheap enough for a dashboard. With two trials or fewer every parameter scores the same.
/// </summary>
public sealed class PedAnovaImportanceEvaluator : IImportanceEvaluator
{
    private const int MinTopTrials = 2;

    /// <summary>
    /// Creates the evaluator; the defaults are Optuna's. Throws <see cref="ArgumentOutOfRangeException"/> for a quantile
    /// outside [0, 1].
    /// </summary>
    public PedAnovaImportanceEvaluator(double baselineQuantile = 0.1, bool evaluateOnLocal = true)
    {
        if (!(baselineQuantile >= 0 && baselineQuantile <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(baselineQuantile), baselineQuantile, "The baseline quantile must be in [0, 1].");
        }

        BaselineQuantile = baselineQuantile;
        EvaluateOnLocal = evaluateOnLocal;
    }

    /// <summary>The share of trials, best first, that count as good (default 0.1: the top 10 %).</summary>
    public double BaselineQuantile { get; }

    /// <summary>
    /// True (default) to compare the good trials with all trials (which parameters mattered during this study); false
    /// to compare them with the whole search space (which mattered in the space).
    /// </summary>
    public bool EvaluateOnLocal { get; }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> Evaluate(ImportanceData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var result = new Dictionary<string, double>(data.Parameters.Count);
        if (data.Trials.Count <= MinTopTrials)
        {
            foreach (string name in data.Parameters)
            {
                result[name] = 1;
            }

            return result;
        }

        var top = TopTrials(data.TargetArray, data.Direction);
        foreach (string name in data.Parameters)
        {
            var distribution = data.Distributions[name];
            double[] column = data.Column(name);
            double[] pTop = ParzenGrid.Density(distribution, ParzenGrid.Count(distribution, top.Select(i => column[i])));
            double[] pAll = EvaluateOnLocal
                ? ParzenGrid.Density(distribution, ParzenGrid.Count(distribution, column))
                : [.. Enumerable.Repeat(1.0 / pTop.Length, pTop.Length)];
            result[name] = PearsonDivergence(pTop, pAll);
        }

        return result;
    }

    /// <summary>Σ q · (p / q − 1)² with 1e-12 added to both densities, as Optuna computes it.</summary>
    internal static double PearsonDivergence(double[] p, double[] q)
    {
        double divergence = 0;
        for (int i = 0; i < p.Length; i++)
        {
            double pi = p[i] + 1e-12, qi = q[i] + 1e-12;
            double ratio = (pi / qi) - 1;
            divergence += qi * ratio * ratio;
        }

        return divergence;
    }

    // The trials whose loss (target, negated when larger is better) is at most the larger of the second smallest loss
    // and the baseline quantile's loss (numpy's "inverted_cdf" quantile: the ⌈q·n⌉-th smallest).
    private List<int> TopTrials(double[] targets, StudyDirection direction)
    {
        double sign = direction == StudyDirection.Maximize ? -1 : 1;
        var losses = targets.Select(t => sign * t).ToArray();
        var sorted = losses.Order().ToArray();
        int rank = Math.Max(0, (int)Math.Ceiling(BaselineQuantile * sorted.Length) - 1);
        double cutoff = Math.Max(sorted[MinTopTrials - 1], sorted[rank]);
        return [.. Enumerable.Range(0, losses.Length).Where(i => losses[i] <= cutoff)];
    }
}
