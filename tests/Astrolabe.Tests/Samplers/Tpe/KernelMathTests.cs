namespace Astrolabe.Tests.Samplers.Tpe;

public class KernelMathTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(17)]
    [InlineData(1000)]
    public void LogSumExpMatchesTheDirectSumWithFarTermsAmongThem(int n)
    {
        var row = new double[n];
        var rng = new Random(n);
        for (int i = 0; i < n; i++)
        {
            // A third of the terms within reach, the rest thousands of units below: exp underflows to zero for them.
            row[i] = i % 3 == 0 ? -5 * rng.NextDouble() : -1000 - (1e6 * rng.NextDouble());
        }

        double max = row.Max(), direct = 0;
        foreach (double x in row)
        {
            direct += Math.Exp(x - max);
        }

        Assert.Equal(max + Math.Log(direct), KernelMath.LogSumExp(row), 12);
    }

    [Fact]
    public void LogSumExpKeepsInfinitiesAndSingleTerms()
    {
        Assert.Equal(double.NegativeInfinity, KernelMath.LogSumExp([double.NegativeInfinity, double.NegativeInfinity]));
        Assert.Equal(-2.5, KernelMath.LogSumExp([-2.5, double.NegativeInfinity, -1e300]), 12);
        Assert.Equal(Math.Log(2) - 1, KernelMath.LogSumExp([-1, -1]), 12);
    }
}
