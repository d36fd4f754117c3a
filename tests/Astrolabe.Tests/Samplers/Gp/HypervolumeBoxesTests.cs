namespace Astrolabe.Tests.Samplers.Gp;

public sealed class HypervolumeBoxesTests
{
    [Fact]
    public void TwoObjectivesByHand()
    {
        // Front (1, 3), (2, 2), (3, 1) under reference (4, 4) dominates an area of 6. y = (1.5, 1.5) adds the part of
        // its own region the front leaves: [1.5, 2) × [1.5, 3) and [2, 3) × [1.5, 2), 0.75 + 0.5.
        var boxes = HypervolumeBoxes.Build([[1, 3], [2, 2], [3, 1]], [4, 4]);
        Assert.Equal(4, boxes.Count);
        Assert.Equal(1.25, boxes.Improvement([1.5, 1.5]), 1e-12);
        Assert.Equal(0, boxes.Improvement([2.5, 2.5]), 1e-12);
        Assert.Equal((4 * 4) - 6, boxes.Improvement([0, 0]), 1e-12);
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(4, 3)]
    public void ImprovementEqualsTheGainInHypervolume(int objectives, int seed)
    {
        var rng = new Random(seed);
        var points = Enumerable.Range(0, 12).Select(_ => Enumerable.Range(0, objectives).Select(_ => rng.NextDouble()).ToArray()).ToList();
        var reference = Enumerable.Repeat(1.1, objectives).ToArray();
        var boxes = HypervolumeBoxes.Build(points, reference);
        for (int t = 0; t < 20; t++)
        {
            var y = Enumerable.Range(0, objectives).Select(_ => rng.NextDouble() * 1.2).ToArray();
            double expected = Hypervolume([.. points, y], reference) - Hypervolume(points, reference);
            Assert.Equal(expected, boxes.Improvement(y), 1e-9);
        }
    }

    [Fact]
    public void DuplicatesAndDominatedPointsDoNotCount()
    {
        var front = HypervolumeBoxes.ParetoFront([[1, 2], [1, 2], [2, 3], [2, 1]]);
        Assert.Equal(2, front.Count);
    }

    /// <summary>The dominated hypervolume by the cells of the grid the points' coordinates draw (exact, exponential).</summary>
    private static double Hypervolume(List<double[]> points, double[] reference)
    {
        int m = reference.Length;
        var edges = Enumerable.Range(0, m).Select(j => points.Select(p => p[j]).Where(v => v < reference[j]).Append(reference[j]).Distinct().Order().ToArray()).ToArray();
        double total = 0;
        var index = new int[m];
        while (true)
        {
            bool valid = true;
            double volume = 1;
            var corner = new double[m];
            for (int j = 0; j < m; j++)
            {
                if (index[j] >= edges[j].Length - 1)
                {
                    valid = false;
                    break;
                }

                corner[j] = edges[j][index[j]];
                volume *= edges[j][index[j] + 1] - edges[j][index[j]];
            }

            if (valid && points.Any(p => p.Zip(corner).All(t => t.First <= t.Second)))
            {
                total += volume;
            }

            int axis = 0;
            while (axis < m && ++index[axis] >= Math.Max(edges[axis].Length - 1, 1))
            {
                index[axis++] = 0;
            }

            if (axis == m)
            {
                return total;
            }
        }
    }
}
