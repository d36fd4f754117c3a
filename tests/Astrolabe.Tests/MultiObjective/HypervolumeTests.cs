namespace Astrolabe.Tests.MultiObjective;

public sealed class HypervolumeTests
{
    [Fact]
    public void TwoDimensionalStaircase()
    {
        // Boxes to (4, 4): (1,3) → 3·1, (2,2) adds 2·1, (3,1) adds 1·1; the dominated (3,3) adds nothing.
        double[][] points = [[3, 1], [1, 3], [2, 2], [3, 3]];
        Assert.Equal(6, Hypervolume.Compute(points, [4, 4]), 12);
    }

    [Fact]
    public void PointsNotStrictlyBelowTheReferenceAddNothing()
    {
        double[][] points = [[1, 5], [5, 1], [4, 0], [2, 2]];
        Assert.Equal(4, Hypervolume.Compute(points, [4, 4]), 12);
        Assert.Equal(0, Hypervolume.Compute([], [1.0, 1, 1]));
        Assert.Equal(3, Hypervolume.Compute([[2.0], [4.0]], [5.0]), 12);
    }

    [Fact]
    public void DuplicatesAndDominatedPointsChangeNothing()
    {
        double[][] front = [[1, 2, 3], [3, 1, 2], [2, 3, 1]];
        double[][] more = [.. front, [1, 2, 3], [2, 2, 3], [3, 3, 3]];
        Assert.Equal(Hypervolume.Compute(front, [4, 4, 4]), Hypervolume.Compute(more, [4, 4, 4]), 12);
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(4, 3)]
    [InlineData(5, 4)]
    [InlineData(6, 5)]
    public void MatchesInclusionExclusionOnRandomSets(int objectives, int seed)
    {
        var rng = new Random(seed);
        for (int round = 0; round < 20; round++)
        {
            int n = 1 + rng.Next(9);
            var points = Enumerable.Range(0, n).Select(_ => Enumerable.Range(0, objectives).Select(_ => rng.NextDouble()).ToArray()).ToArray();
            var reference = Enumerable.Repeat(1.0, objectives).ToArray();
            double expected = InclusionExclusion(points, reference);
            Assert.Equal(expected, Hypervolume.Compute(points, reference), 10);
        }
    }

    [Theory]
    [InlineData(3, 11)]
    [InlineData(4, 12)]
    [InlineData(5, 13)]
    public void MatchesACountOfUnitCellsOnIntegerPoints(int objectives, int seed)
    {
        // Integer points in [0, 6)^m against (6, …, 6): the volume is the number of unit cells some point dominates.
        const int side = 6;
        var rng = new Random(seed);
        for (int round = 0; round < 10; round++)
        {
            var points = Enumerable.Range(0, 5 + rng.Next(25)).Select(_ => Enumerable.Range(0, objectives).Select(_ => (double)rng.Next(side)).ToArray()).ToArray();
            var reference = Enumerable.Repeat((double)side, objectives).ToArray();
            Assert.Equal(CellCount(points, objectives, side), Hypervolume.Compute(points, reference), 9);
        }
    }

    [Fact]
    public void ALargeThreeObjectiveFrontOnTheSphereIsCloseToTheAnalyticVolume()
    {
        // Points on the positive unit sphere octant against (1, 1, 1): the dominated volume tends to 1 − π/6.
        var points = new List<double[]>();
        for (int i = 0; i <= 20; i++)
        {
            for (int k = 0; k <= 20; k++)
            {
                double theta = Math.PI / 2 * i / 20, phi = Math.PI / 2 * k / 20;
                points.Add([Math.Cos(theta) * Math.Cos(phi), Math.Cos(theta) * Math.Sin(phi), Math.Sin(theta)]);
            }
        }

        double volume = Hypervolume.Compute(points, [1.0, 1, 1]);
        Assert.InRange(volume, (1 - (Math.PI / 6)) - 0.05, 1 - (Math.PI / 6));
    }

    [Fact]
    public void BadInputIsRefusedWithOneClearMessage()
    {
        Assert.Contains("2 values", Assert.Throws<ArgumentException>(() => Hypervolume.Compute([[1.0, 2]], [3.0, 3, 3])).Message);
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => Hypervolume.Compute([[double.NaN, 1]], [3.0, 3])).Message);
        Assert.Contains("finite", Assert.Throws<ArgumentException>(() => Hypervolume.Compute([[1.0, 1]], [double.PositiveInfinity, 3])).Message);
        Assert.Contains("at least one", Assert.Throws<ArgumentException>(() => Hypervolume.Compute([], [])).Message);
    }

    /// <summary>Σ over non-empty subsets S of (−1)^(|S|+1) · volume of the box of S's coordinate-wise maximum.</summary>
    private static double InclusionExclusion(double[][] points, double[] reference)
    {
        double total = 0;
        for (int mask = 1; mask < 1 << points.Length; mask++)
        {
            var corner = new double[reference.Length];
            int size = 0;
            for (int i = 0; i < points.Length; i++)
            {
                if ((mask & (1 << i)) != 0)
                {
                    size++;
                    for (int j = 0; j < corner.Length; j++)
                    {
                        corner[j] = Math.Max(corner[j], points[i][j]);
                    }
                }
            }

            double box = 1;
            for (int j = 0; j < corner.Length; j++)
            {
                box *= Math.Max(0, reference[j] - corner[j]);
            }

            total += size % 2 == 1 ? box : -box;
        }

        return total;
    }

    private static int CellCount(double[][] points, int objectives, int side)
    {
        int count = 0;
        var cell = new int[objectives];
        for (int index = 0; index < (int)Math.Pow(side, objectives); index++)
        {
            for (int j = 0, rest = index; j < objectives; j++, rest /= side)
            {
                cell[j] = rest % side;
            }

            if (points.Any(p => p.Select((v, j) => v <= cell[j]).All(b => b)))
            {
                count++;
            }
        }

        return count;
    }
}
