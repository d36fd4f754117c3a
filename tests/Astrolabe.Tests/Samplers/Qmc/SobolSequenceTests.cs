namespace Astrolabe.Tests.Samplers.Qmc;

public sealed class SobolSequenceTests
{
    /// <summary>
    /// Points of the unscrambled 21-dimensional Sobol sequence in Gray-code order with the direction numbers of
    /// new-joe-kuo-6.21201, as Joe and Kuo's generator (and scipy.stats.qmc.Sobol(21, scramble=False)) gives them:
    /// the index, then the 21 coordinates.
    /// </summary>
    private static readonly double[][] Published =
    [
        [1, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5],
        [2, 0.75, 0.25, 0.25, 0.25, 0.75, 0.75, 0.25, 0.75, 0.75, 0.75, 0.75, 0.75, 0.25, 0.25, 0.75, 0.25, 0.75, 0.25, 0.75, 0.25, 0.25],
        [3, 0.25, 0.75, 0.75, 0.75, 0.25, 0.25, 0.75, 0.25, 0.25, 0.25, 0.25, 0.25, 0.75, 0.75, 0.25, 0.75, 0.25, 0.75, 0.25, 0.75, 0.75],
        [4, 0.375, 0.375, 0.625, 0.875, 0.375, 0.125, 0.375, 0.875, 0.875, 0.625, 0.875, 0.375, 0.375, 0.625, 0.375, 0.875, 0.375, 0.875, 0.875, 0.125, 0.125],
        [5, 0.875, 0.875, 0.125, 0.375, 0.875, 0.625, 0.875, 0.375, 0.375, 0.125, 0.375, 0.875, 0.875, 0.125, 0.875, 0.375, 0.875, 0.375, 0.375, 0.625, 0.625],
        [6, 0.625, 0.125, 0.875, 0.625, 0.625, 0.875, 0.125, 0.125, 0.125, 0.375, 0.125, 0.625, 0.125, 0.875, 0.625, 0.625, 0.625, 0.625, 0.125, 0.375, 0.375],
        [7, 0.125, 0.625, 0.375, 0.125, 0.125, 0.375, 0.625, 0.625, 0.625, 0.875, 0.625, 0.125, 0.625, 0.375, 0.125, 0.125, 0.125, 0.125, 0.625, 0.875, 0.875],
        [8, 0.1875, 0.3125, 0.9375, 0.4375, 0.5625, 0.3125, 0.4375, 0.9375, 0.9375, 0.3125, 0.6875, 0.0625, 0.9375, 0.9375, 0.8125, 0.9375, 0.8125, 0.8125, 0.9375, 0.3125, 0.1875],
        [100, 0.4140625, 0.2578125, 0.7734375, 0.7265625, 0.8828125, 0.7421875, 0.0234375, 0.4765625, 0.6328125, 0.6953125, 0.4609375, 0.6796875, 0.4765625, 0.8515625, 0.3203125, 0.4921875, 0.6796875, 0.7421875, 0.8359375, 0.3359375, 0.7578125],
        [1000, 0.2197265625, 0.0966796875, 0.5185546875, 0.6767578125, 0.2802734375, 0.9072265625, 0.0458984375, 0.8994140625, 0.5009765625, 0.0693359375, 0.0849609375, 0.2548828125, 0.1611328125, 0.3837890625, 0.1435546875, 0.3701171875, 0.7197265625, 0.3447265625, 0.9912109375, 0.7255859375, 0.5224609375],
        [1024, 0.00146484375, 0.37646484375, 0.44775390625, 0.48681640625, 0.55712890625, 0.84423828125, 0.24169921875, 0.58740234375, 0.69677734375, 0.67138671875, 0.82177734375, 0.92138671875, 0.70654296875, 0.33837890625, 0.13232421875, 0.85693359375, 0.85498046875, 0.19775390625, 0.53857421875, 0.34619140625, 0.52490234375],
    ];

    [Fact]
    public void UnscrambledPointsMatchJoeKuoDirectionNumbers()
    {
        var sobol = new SobolSequence(21, null);
        var point = new double[21];
        foreach (var row in Published)
        {
            sobol.Point((long)row[0], point);
            Assert.Equal(row[1..], point);
        }
    }

    [Fact]
    public void UnscrambledFirstPointIsTheOrigin()
    {
        var point = new double[5];
        new SobolSequence(5, null).Point(0, point);
        Assert.All(point, x => Assert.Equal(0, x));
    }

    [Fact]
    public void OwenScramblingKeepsEveryElementaryIntervalBalanced()
    {
        // A nested uniform scramble of a (0, m, 1)-net leaves exactly one point per interval of width 2^-m.
        var sobol = new SobolSequence(4, scrambleSeed: 7);
        const int count = 256;
        var hits = new int[4, count];
        var point = new double[4];
        for (int i = 0; i < count; i++)
        {
            sobol.Point(i, point);
            for (int j = 0; j < 4; j++)
            {
                hits[j, (int)(point[j] * count)]++;
            }
        }

        Assert.All(hits.Cast<int>(), h => Assert.Equal(1, h));
    }

    [Fact]
    public void ScramblingDependsOnTheSeedAndMovesTheFirstPoint()
    {
        var a = new double[3];
        var b = new double[3];
        var c = new double[3];
        new SobolSequence(3, 1).Point(0, a);
        new SobolSequence(3, 1).Point(0, b);
        new SobolSequence(3, 2).Point(0, c);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.Contains(a, x => x != 0);
    }

    [Fact]
    public void TooManyDimensionsAreRejectedWithTheLimit()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new SobolSequence(JoeKuoDirections.MaxDimension + 1, null));
        Assert.Contains($"1 to {JoeKuoDirections.MaxDimension} dimensions", e.Message, StringComparison.Ordinal);
    }
}
