namespace Astrolabe.Tests.Samplers.Tpe;

public class RadixOrderTests
{
    [Theory]
    [InlineData(5, false)]
    [InlineData(63, true)]
    [InlineData(64, false)]
    [InlineData(1000, false)]
    [InlineData(1000, true)]
    [InlineData(20000, true)]
    public void SortsLikeAStableComparisonSort(int n, bool duplicates)
    {
        var rng = new Random(n);
        var values = new double[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = duplicates ? Math.Round(10 * rng.NextDouble()) - 5 : Math.Exp(20 * rng.NextDouble() - 10) * (rng.Next(2) == 0 ? -1 : 1);
        }

        values[0] = 0.0;
        values[n / 2] = double.MaxValue;
        values[n - 1] = -double.Epsilon;
        var expected = Enumerable.Range(0, n).OrderBy(i => values[i]).ToArray(); // stable
        var sorted = (double[])values.Clone();
        var order = Enumerable.Range(0, n).ToArray();
        RadixOrder.Sort(sorted, order);
        Assert.Equal(expected.Select(i => values[i]), sorted);
        if (n >= RadixOrder.MinLength || !duplicates)
        {
            Assert.Equal(expected, order);
        }
        else
        {
            Assert.Equal(expected.Select(i => values[i]), order.Select(i => values[i]));
        }
    }

    [Fact]
    public void ValuesThatShareEveryByteButOneAreStillOrdered()
    {
        var values = Enumerable.Range(0, 300).Select(i => BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(1.0) + (299 - i))).ToArray();
        var order = Enumerable.Range(0, 300).ToArray();
        var sorted = (double[])values.Clone();
        RadixOrder.Sort(sorted, order);
        Assert.Equal(Enumerable.Range(0, 300).Reverse(), order);
        Assert.True(sorted.Zip(sorted.Skip(1)).All(p => p.First < p.Second));
    }
}
