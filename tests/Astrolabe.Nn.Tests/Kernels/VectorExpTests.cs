using System.Runtime.Intrinsics;
using Astrolabe.Nn.Kernels;

namespace Astrolabe.Nn.Tests.Kernels;

public class VectorExpTests
{
    private static float Exp(float x) => VectorExp.Exp(Vector256.Create(x)).GetElement(0);

    [Fact]
    public void Is_within_two_ulp_of_the_exact_value_over_the_whole_range()
    {
        var rng = new Random(5);
        for (int i = 0; i < 200_000; i++)
        {
            float x = (float)((rng.NextDouble() * 176) - 87.3);
            double exact = Math.Exp(x);
            float got = Exp(x);
            double ulp = MathF.BitIncrement((float)exact) - (float)exact;
            Assert.True(Math.Abs(got - exact) <= 2 * ulp, $"exp({x:R}) = {got:R}, exact {exact:R}");
        }
    }

    [Fact]
    public void Each_lane_gets_its_own_value()
    {
        var x = Vector256.Create(-3f, -1f, -0.5f, 0f, 0.25f, 1f, 2f, 10f);
        var y = VectorExp.Exp(x);
        for (int i = 0; i < 8; i++)
        {
            Assert.Equal(Math.Exp(x.GetElement(i)), y.GetElement(i), 1e-6 * Math.Exp(x.GetElement(i)));
        }
    }

    [Theory]
    [InlineData(0f, 1f)]
    [InlineData(100f, float.PositiveInfinity)]
    [InlineData(float.PositiveInfinity, float.PositiveInfinity)]
    [InlineData(-100f, 0f)]
    [InlineData(float.NegativeInfinity, 0f)]
    [InlineData(float.NaN, float.NaN)]
    public void Saturates_and_keeps_NaN(float x, float expected) => Assert.Equal(expected, Exp(x));

    [Fact]
    public void The_largest_finite_results_stay_finite()
    {
        Assert.True(float.IsFinite(Exp(88.7f)));
        Assert.Equal(Math.Exp(88.7f), Exp(88.7f), Math.Exp(88.7f) * 1e-6);
        Assert.Equal(Math.Exp(-87.3f), Exp(-87.3f), Math.Exp(-87.3f) * 1e-6);
    }
}
