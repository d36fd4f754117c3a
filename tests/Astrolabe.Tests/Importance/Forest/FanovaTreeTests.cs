namespace Astrolabe.Tests.Importance.Forest;

public sealed class FanovaTreeTests
{
    // A tree on [0, 1]²: x at 0.5, then y at 0.5 on each side; leaves in order (x low, y low), (x low, y high), (x high, y low), (x high, y high).
    private static RegressionTree Grid(double[] leaves)
    {
        var tree = new RegressionTree(8);
        int root = tree.Add(0, 4, 0);
        int left = tree.Add(0, 2, 0);
        int l0 = tree.Add(leaves[0], 1, 0), l1 = tree.Add(leaves[1], 1, 0);
        int right = tree.Add(0, 2, 0);
        int r0 = tree.Add(leaves[2], 1, 0), r1 = tree.Add(leaves[3], 1, 0);
        tree.Split(root, 0, 0.5, left, right);
        tree.Split(left, 1, 0.5, l0, l1);
        tree.Split(right, 1, 0.5, r0, r1);
        return tree;
    }

    [Fact]
    public void AnAdditiveTreeSplitsItsVarianceExactly()
    {
        // f = 2·[x > ½] + [y > ½]: variance 4·¼ + ¼ = 1.25, of which x explains 1 and y 0.25.
        var fanova = new FanovaTree(Grid([0, 1, 2, 3]), [0, 0], [1, 1]);
        Assert.Equal(1.25, fanova.Variance, 12);
        Assert.Equal(1.0, fanova.MarginalVariance([0]), 12);
        Assert.Equal(0.25, fanova.MarginalVariance([1]), 12);
        Assert.Equal(1.25, fanova.MarginalVariance([0, 1]), 12);
    }

    [Fact]
    public void AnInteractionLeavesVarianceToNeitherMainEffect()
    {
        // f = [x > ½]·[y > ½]: mean ¼, variance 3/16; each marginal is 0 or ½, variance 1/16; the rest, 1/16, is the interaction.
        var fanova = new FanovaTree(Grid([0, 0, 0, 1]), [0, 0], [1, 1]);
        Assert.Equal(3.0 / 16, fanova.Variance, 12);
        Assert.Equal(1.0 / 16, fanova.MarginalVariance([0]), 12);
        Assert.Equal(1.0 / 16, fanova.MarginalVariance([1]), 12);
    }

    [Fact]
    public void CellsAreWeightedByTheirSizeOnTheParametersScale()
    {
        // One split of x in [0, 10] at 2: value 1 on a fifth of the range, 0 elsewhere: mean 0.2, variance 0.16.
        var tree = new RegressionTree(4);
        int root = tree.Add(0, 2, 0);
        int a = tree.Add(1, 1, 0), b = tree.Add(0, 1, 0);
        tree.Split(root, 0, 2, a, b);
        var fanova = new FanovaTree(tree, [0, -1], [10, 1]);
        Assert.Equal(0.16, fanova.Variance, 12);
        Assert.Equal(0.16, fanova.MarginalVariance([0]), 12);
        Assert.Equal(0, fanova.MarginalVariance([1]));
    }
}
