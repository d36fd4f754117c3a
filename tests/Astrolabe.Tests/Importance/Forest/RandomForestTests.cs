namespace Astrolabe.Tests.Importance.Forest;

public sealed class RandomForestTests
{
    private static FeatureMatrix Features(int n, int seed, out double[] x0, out double[] x1)
    {
        var random = new Random(seed);
        double[] a = [.. Enumerable.Range(0, n).Select(_ => random.NextDouble())];
        double[] b = [.. Enumerable.Range(0, n).Select(_ => random.NextDouble())];
        x0 = a;
        x1 = b;
        var trials = Enumerable.Range(0, n).Select(i => ImportanceTrials.Complete(i, [a[i]], [("a", a[i], ImportanceTrials.Unit), ("b", b[i], ImportanceTrials.Unit)])).ToList();
        var input = ImportanceInput.Prepare(trials, [StudyDirection.Minimize], null, null);
        return FeatureMatrix.From(input.Data.Parameters, input.Data.Distributions, input.Data.Column);
    }

    [Fact]
    public void AFullDepthTreeOnDistinctSamplesFitsEveryOneOfThem()
    {
        var features = Features(100, 1, out var a, out var b);
        double[] y = [.. a.Zip(b, (p, q) => Math.Sin(7 * p) + (q * q))];
        var tree = new TreeBuilder(features, y).Build([.. Enumerable.Repeat(1.0, 100)], 64, new Random(0));
        for (int i = 0; i < 100; i++)
        {
            Assert.Equal(y[i], tree.Predict(f => f == 0 ? a[i] : b[i]), 12);
        }

        // Every inner node's value is the weighted mean of its children's.
        for (int node = 0; node < tree.Count; node++)
        {
            if (tree.Feature[node] >= 0)
            {
                int l = tree.Left[node], r = tree.Right[node];
                Assert.Equal(tree.Value[node], ((tree.Weight[l] * tree.Value[l]) + (tree.Weight[r] * tree.Value[r])) / tree.Weight[node], 9);
            }
        }
    }

    [Fact]
    public void TheDepthIsBoundedAndTheBestSplitIsFound()
    {
        var features = Features(50, 2, out var a, out _);
        double[] y = [.. a.Select(v => v > 0.3 ? 1.0 : 0.0)];
        var stump = new TreeBuilder(features, y).Build([.. Enumerable.Repeat(1.0, 50)], 1, new Random(0));
        Assert.Equal(3, stump.Count);
        Assert.Equal(0, stump.Feature[0]);
        double below = a.Where(v => v <= 0.3).Max(), above = a.Where(v => v > 0.3).Min();
        Assert.Equal((below + above) / 2, stump.Threshold[0], 12);
    }

    [Fact]
    public void ImpurityDecreaseGoesOnlyToTheFeatureThatExplainsTheTarget()
    {
        var features = Features(80, 3, out var a, out _);
        double[] y = [.. a.Select(v => v > 0.5 ? 2.0 : 0.0)];
        var trees = RandomForest.Fit(features, y, 16, 64, 5);
        Assert.Equal([1.0, 0.0], MeanDecreaseImpurity.Of(trees, 2));
    }

    [Fact]
    public void SameSeedSameForest()
    {
        var features = Features(40, 4, out var a, out var b);
        double[] y = [.. a.Zip(b, (p, q) => p * q)];
        var first = RandomForest.Fit(features, y, 4, 64, 9);
        var second = RandomForest.Fit(features, y, 4, 64, 9);
        for (int t = 0; t < 4; t++)
        {
            Assert.Equal(first[t].Threshold.AsSpan(0, first[t].Count).ToArray(), second[t].Threshold.AsSpan(0, second[t].Count).ToArray());
        }
    }
}
