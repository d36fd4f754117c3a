using Astrolabe.Nn.Kernels;

namespace Astrolabe.Nn.Tests.Kernels;

/// <summary>The vectorised activations against double-precision formulas, across vector bodies and scalar tails.</summary>
public sealed class ActivationKernelsTests
{
    // 1003 points: a vector body plus a scalar tail; tiny, moderate, saturating and sign-changing inputs.
    private static readonly float[] Inputs = [.. Enumerable.Range(0, 1000).Select(i => (float)((i - 500) / 25.0)), 1e-7f, -3e-5f, 60f];

    private static double Erf(double x)
    {
        double z = Math.Abs(x);
        if (z > 3)
        {
            // Asymptotic erfc: relative error below 1e-3 of erfc(3) ≈ 2.2e-5 here, far inside the tolerance.
            double z2 = z * z;
            double erfc = Math.Exp(-z2) / (z * Math.Sqrt(Math.PI)) * (1 - (1 / (2 * z2)) + (3 / (4 * z2 * z2)) - (15 / (8 * z2 * z2 * z2)));
            return Math.Sign(x) * (1 - erfc);
        }

        // The Maclaurin series, exact to ~1e-12 for |x| ≤ 3.
        double sum = 0, term = x;
        for (int n = 0; n < 120; n++)
        {
            sum += term / ((2 * n) + 1);
            term *= -x * x / (n + 1);
        }

        return sum * 2 / Math.Sqrt(Math.PI);
    }

    private static void Close(Func<double, double> exact, float[] actual, double tolerance)
    {
        for (int i = 0; i < Inputs.Length; i++)
        {
            double e = exact(Inputs[i]);
            Assert.True(Math.Abs(actual[i] - e) <= tolerance * Math.Max(1, Math.Abs(e)), $"x = {Inputs[i]}: {actual[i]} vs {e}");
        }
    }

    [Fact]
    public void TanhIsAccurateIncludingNearZero()
    {
        var y = new float[Inputs.Length];
        ActivationKernels.Forward<TanhActivation>(Inputs, y);
        Close(Math.Tanh, y, 3e-7);
        Assert.Equal(1e-7f, y[1000], 1e-13f);
        Assert.Equal(1f, y[1002]);
    }

    [Fact]
    public void SiluAndItsDerivativeMatchTheFormula()
    {
        var y = new float[Inputs.Length];
        ActivationKernels.Forward<SiluActivation>(Inputs, y);
        Close(x => x / (1 + Math.Exp(-x)), y, 1e-6);
        var gx = Enumerable.Repeat(1f, Inputs.Length).ToArray();
        var gy = Enumerable.Repeat(2f, Inputs.Length).ToArray();
        ActivationKernels.Backward<SiluActivation>(Inputs, gy, gx);
        Close(x => 1 + (2 * (1 / (1 + Math.Exp(-x))) * (1 + (x * (1 - (1 / (1 + Math.Exp(-x))))))), gx, 1e-6);
    }

    [Fact]
    public void GeluAndItsDerivativeMatchTheExactErfForm()
    {
        var y = new float[Inputs.Length];
        ActivationKernels.Forward<GeluActivation>(Inputs, y);
        Close(x => x * 0.5 * (1 + Erf(x / Math.Sqrt(2))), y, 1e-6);
        var gx = new float[Inputs.Length];
        ActivationKernels.Backward<GeluActivation>(Inputs, Enumerable.Repeat(1f, Inputs.Length).ToArray(), gx);
        Close(x => (0.5 * (1 + Erf(x / Math.Sqrt(2)))) + (x * Math.Exp(-0.5 * x * x) / Math.Sqrt(2 * Math.PI)), gx, 1e-6);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void ReluBackwardPassesTheGradientWherePositiveWithEitherVectorWidth(bool wide, bool accumulate)
    {
        // Inputs holds 1003 points, zero among them: vector bodies of 16 or 8, a scalar tail, and x = 0 (gradient 0).
        var gy = Inputs.Select((_, i) => 1f + i).ToArray();
        var gx = Inputs.Select((_, i) => -0.5f * i).ToArray();
        var expected = gx.Select((g, i) => (accumulate ? g : 0f) + (Inputs[i] > 0 ? gy[i] : 0f)).ToArray();
        Functional.ReluBackward(Inputs, gy, gx, accumulate, wide);
        Assert.Equal(expected, gx);
    }
}
