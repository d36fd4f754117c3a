using Astrolabe.Nn.Tests.Autodiff;

namespace Astrolabe.Nn.Tests.Layers;

public class InputGradientTests
{
    [Fact]
    public void TheInputGradientOfACnnInEvaluationModeMatchesFiniteDifferences()
    {
        var net = new Sequential(
            new Conv2d(1, 3, 3, padding: 1, rng: new Rng(1)), new BatchNorm(3), new Tanh(), new AvgPool2d(2),
            new Flatten(), new Linear(3 * 3 * 3, 8, rng: new Rng(2)), new Tanh(), new Linear(8, 4, rng: new Rng(3)));
        Warm(net, GradCheck.Random(4, 5, 1, 6, 6));
        net.Eval();
        var x = GradCheck.Random(5, 2, 1, 6, 6);
        var r = GradCheck.Random(6, 2, 4).Data;

        var (output, gradient) = InputGradient.Compute(net, x, _ => r);

        Assert.Equal([2, 4], output.Shape);
        Assert.Equal(x.Length, gradient.Length);
        for (int i = 0; i < x.Length; i++)
        {
            double numeric = (Objective(net, x, r, i, 1e-2f) - Objective(net, x, r, i, -1e-2f)) / 2e-2;
            Assert.True(Math.Abs(numeric - gradient[i]) <= 2e-3 + (2e-2 * Math.Abs(numeric)), $"element {i}: analytic {gradient[i]}, numeric {numeric}");
        }
    }

    [Fact]
    public void ParametersKeepTheirGradientsAndStillTrainAfterwards()
    {
        var net = new Sequential(new Linear(3, 4, rng: new Rng(1)), new ReLU(), new Linear(4, 2, rng: new Rng(2)));
        var loss = net.Forward(GradCheck.Random(3, 5, 3)).Sum();
        loss.Backward();
        var before = net.NamedParameters().Select(p => (float[])p.Tensor.Grad!.Clone()).ToList();

        InputGradient.Compute(net, GradCheck.Random(4, 5, 3), o => Enumerable.Repeat(1f, o.Length).ToArray());

        Assert.Equal(before, net.NamedParameters().Select(p => p.Tensor.Grad!).ToList());
        Assert.All(net.NamedParameters(), p => Assert.True(p.Tensor.RequiresGrad));
        Assert.True(net.Forward(GradCheck.Random(3, 5, 3)).RequiresGrad);
    }

    [Fact]
    public void ALinearLayerGivesItsWeightRowAndIgnoredInputsGetZero()
    {
        var linear = new Linear(4, 2, rng: new Rng(1));
        linear.Weight.Data[1] = 0; // output 0 ignores input 1
        var (_, gradient) = InputGradient.Compute(linear, GradCheck.Random(2, 1, 4), _ => [1f, 0f]);
        Assert.Equal(linear.Weight.Data[..4], gradient);
        Assert.Equal(0f, gradient[1]);
    }

    [Fact]
    public void InsideNoGradOrWithAWrongGradientItSaysWhatIsWrong()
    {
        var linear = new Linear(3, 2, rng: new Rng(1));
        var x = GradCheck.Random(2, 1, 3);
        using (GradMode.NoGrad())
        {
            Assert.Contains("NoGrad", Assert.Throws<InvalidOperationException>(() => InputGradient.Compute(linear, x, _ => [1f, 1f])).Message, StringComparison.Ordinal);
        }

        Assert.Throws<ArgumentException>(() => InputGradient.Compute(linear, x, _ => [1f]));
        Assert.True(linear.Weight.RequiresGrad);
    }

    private static void Warm(Module net, Tensor batch)
    {
        net.Train();
        using var _ = GradMode.NoGrad();
        net.Forward(batch); // gives the batch norm running statistics other than 0 and 1
    }

    private static double Objective(Module net, Tensor x, float[] r, int i, float step)
    {
        var moved = (float[])x.Data.Clone();
        moved[i] += step;
        using var _ = GradMode.NoGrad();
        var y = net.Forward(new Tensor(moved, x.Shape)).Data;
        return y.Select((v, k) => (double)v * r[k]).Sum();
    }
}
