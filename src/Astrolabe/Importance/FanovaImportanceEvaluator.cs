namespace Astrolabe;

/// <summary>
/// fANOVA importances (Hutter, Hoos and Leyton-Brown, ICML 2014; Optuna's <c>FanovaImportanceEvaluator</c>): a random
/// forest is fitted to the trials' targets (parameters on their own scale, categorical ones one-hot), each tree's
/// prediction is decomposed by functional ANOVA exactly over the tree's partition of the search space (no sampling),
/// and a parameter's importance is the fraction of a tree's variance its first-order marginal explains, averaged over
/// the trees that vary. Interactions between parameters count for neither of them, so the fractions may sum below 1
/// before <see cref="ParamImportances"/> normalises them. The more of the search space the trials cover, the more the
/// numbers mean: prefer trials from an exploring sampler. Seeded: the same seed and trials give the same importances.
/// </summary>
public sealed class FanovaImportanceEvaluator : IImportanceEvaluator
{
    /// <summary>
    /// Creates the evaluator; the defaults are Optuna's. Throws <see cref="ArgumentOutOfRangeException"/> for fewer than
    /// one tree or a depth below 1.
    /// </summary>
    public FanovaImportanceEvaluator(int nTrees = 64, int maxDepth = 64, int? seed = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nTrees, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDepth, 1);
        NTrees = nTrees;
        MaxDepth = maxDepth;
        Seed = seed;
    }

    /// <summary>The number of trees of the forest (default 64).</summary>
    public int NTrees { get; }

    /// <summary>The greatest depth of a tree (default 64).</summary>
    public int MaxDepth { get; }

    /// <summary>The forest's seed; null for a fresh one each call.</summary>
    public int? Seed { get; }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> Evaluate(ImportanceData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var features = FeatureMatrix.From(data.Parameters, data.Distributions, data.Column);
        var trees = RandomForest.Fit(features, data.TargetArray, NTrees, MaxDepth, Seed)
            .Select(t => new FanovaTree(t, features.Low, features.High))
            .Where(t => t.Variance > 0)
            .ToList();
        var result = new Dictionary<string, double>(data.Parameters.Count);
        for (int p = 0; p < data.Parameters.Count; p++)
        {
            double fraction = 0;
            foreach (var tree in trees)
            {
                fraction += tree.MarginalVariance(features.ColumnsOf[p]) / tree.Variance;
            }

            result[data.Parameters[p]] = trees.Count > 0 ? fraction / trees.Count : 0;
        }

        return result;
    }
}
