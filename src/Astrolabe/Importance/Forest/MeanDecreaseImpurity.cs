namespace Astrolabe;

/// <summary>
/// scikit-learn's <c>feature_importances_</c> of a forest: in each tree, the weighted impurity decrease of the splits
/// on each feature, divided by the root's weight and normalised to sum to 1 (trees that never split left out); the
/// mean over trees, normalised again.
/// </summary>
internal static class MeanDecreaseImpurity
{
    public static double[] Of(IReadOnlyList<RegressionTree> trees, int features)
    {
        var total = new double[features];
        var tree = new double[features];
        foreach (var t in trees)
        {
            if (t.Count <= 1)
            {
                continue;
            }

            Array.Clear(tree);
            for (int node = 0; node < t.Count; node++)
            {
                int f = t.Feature[node];
                if (f >= 0)
                {
                    int l = t.Left[node], r = t.Right[node];
                    tree[f] += (t.Weight[node] * t.Impurity[node]) - (t.Weight[l] * t.Impurity[l]) - (t.Weight[r] * t.Impurity[r]);
                }
            }

            double sum = 0;
            for (int f = 0; f < features; f++)
            {
                tree[f] /= t.Weight[0];
                sum += tree[f];
            }

            for (int f = 0; f < features; f++)
            {
                total[f] += sum > 0 ? tree[f] / sum : tree[f];
            }

        }

        double all = total.Sum();
        for (int f = 0; f < features; f++)
        {
            total[f] = all > 0 ? total[f] / all : 0;
        }

        return total;
    }
}
