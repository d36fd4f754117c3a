using System.Runtime.Intrinsics;
using Astrolabe.Nn.Kernels;

namespace Astrolabe.Nn.Tests.Kernels;

public class GateMathTests
{
    [Fact]
    public void Tanh_and_sigmoid_are_within_their_stated_error_everywhere()
    {
        double worstTanh = 0, worstSigmoid = 0;
        for (double x = -30; x <= 30; x += 1e-3)
        {
            float xf = (float)x;
            double t = GateMath.Tanh(Vector256.Create(xf)).ToScalar();
            double s = GateMath.Sigmoid(Vector256.Create(xf)).ToScalar();
            worstTanh = Math.Max(worstTanh, Math.Abs(t - Math.Tanh(xf)));
            worstSigmoid = Math.Max(worstSigmoid, Math.Abs(s - (1 / (1 + Math.Exp(-xf)))));
        }

        Assert.True(worstTanh < 3.5e-7, $"tanh off by {worstTanh}");
        Assert.True(worstSigmoid < 2e-7, $"sigmoid off by {worstSigmoid}");
        Assert.Equal(1e-5f, GateMath.Tanh(Vector256.Create(1e-5f)).ToScalar());
        Assert.True(float.IsNaN(GateMath.Tanh(Vector256.Create(float.NaN)).ToScalar()));
    }
}
