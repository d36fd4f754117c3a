namespace Astrolabe;

/// <summary>
/// A random forest regressor as Optuna's importance evaluators configure scikit-learn's
/// <c>RandomForestRegressor</c>: each tree grown (<see cref="TreeBuilder"/>) on a bootstrap sample of as many draws
/// as samples, to <c>maxDepth</c>, splitting while a node holds two samples or more. Seeded: the same seed and data
/// give the same trees.
/// </summary>
internal static class RandomForest
{
    public static RegressionTree[] Fit(FeatureMatrix features, double[] y, int trees, int maxDepth, int? seed)
    {
        var random = SeededRandom.Create(seed);
        var builder = new TreeBuilder(features, y);
        int n = features.Samples;
        var weight = new double[n];
        var result = new RegressionTree[trees];
        for (int t = 0; t < trees; t++)
        {
            var treeRandom = new Random(random.Next());
            Array.Clear(weight);
            for (int k = 0; k < n; k++)
            {
                weight[treeRandom.Next(n)] += 1;
            }

            result[t] = builder.Build(weight, maxDepth, treeRandom);
        }

        return result;
    }
}
