namespace Astrolabe.Optim.Tests;

public sealed class AccumulateGradientsTests
{
    private static readonly float[][] Micro = [[0.5f, -1f, 2f], [1.5f, 0.25f, -3f], [-0.75f, 2f, 1f]];

    [Fact]
    public void StepsOnTheMeanThroughTheWholeChainAndCountsNoMicroBatch()
    {
        var p = new Parameter("w", [1f, -1f, 0.5f], new float[3], 3);
        var accumulating = Optimizers.Adam([p], lr: 0.1).WithNonFiniteGradients(NonFiniteGradientPolicy.Skip).WithGradientClipping(1.0).WithGradientAccumulation(3);
        var q = new Parameter("w", [1f, -1f, 0.5f], new float[3], 3);
        var byHand = Optimizers.Adam([q], lr: 0.1).With(new Scale(1.0 / 3)).With(new GuardNonFinite(NonFiniteGradientPolicy.Skip)).WithGradientClipping(1.0);
        for (int step = 0; step < 4; step++)
        {
            var sum = new float[3];
            foreach (float[] g in Micro)
            {
                Assert.Equal(step, accumulating.StepCount);
                float[] scaled = [.. g.Select(x => x * (step + 1))];
                scaled.CopyTo(p.Grad, 0);
                accumulating.Step();
                System.Numerics.Tensors.TensorPrimitives.Add(sum, scaled, sum);
            }

            sum.CopyTo(q.Grad, 0);
            byHand.Step();
            Assert.Equal(q.Value, p.Value);
            Assert.Equal(byHand.LastGradNorm, accumulating.LastGradNorm);
        }

        Assert.Equal(4, accumulating.StepCount);
        Assert.Equal(0, accumulating.SkippedSteps);
    }

    [Fact]
    public void APartlyAccumulatedStepIsSavedAndResumed()
    {
        Optimizer Build(Parameter w) => Optimizers.Sgd([w], lr: 0.1, momentum: 0.9).WithGradientAccumulation(3);
        var p = new Parameter("w", [1f, 2f, 3f], new float[3], 3);
        var straight = Build(p);
        var q = new Parameter("w", [1f, 2f, 3f], new float[3], 3);
        var first = Build(q);
        using var saved = new MemoryStream();
        for (int k = 0; k < 8; k++)
        {
            Micro[k % 3].CopyTo(p.Grad, 0);
            straight.Step();
            if (k < 4)
            {
                Micro[k % 3].CopyTo(q.Grad, 0);
                first.Step();
            }

            if (k == 3)
            {
                first.SaveState(saved);
            }
        }

        var r = new Parameter("w", [.. q.Value], new float[3], 3);
        var resumed = Build(r);
        saved.Position = 0;
        resumed.LoadState(saved);
        for (int k = 4; k < 8; k++)
        {
            Micro[k % 3].CopyTo(r.Grad, 0);
            resumed.Step();
        }

        Assert.Equal(2, resumed.StepCount);
        Assert.Equal(p.Value, r.Value);
    }

    [Fact]
    public void ANonFiniteMeanSkipsTheStepAndTheNextStepStartsAfresh()
    {
        var p = new Parameter("w", [1f], new float[1], 1);
        var opt = Optimizers.Sgd([p], lr: 1.0).WithNonFiniteGradients(NonFiniteGradientPolicy.Skip).WithGradientAccumulation(2);
        foreach (float g in new[] { float.NaN, 1f, 2f, 4f })
        {
            p.Grad[0] = g;
            opt.Step();
        }

        Assert.Equal(1, opt.SkippedSteps);
        Assert.Equal(1, opt.StepCount);
        Assert.Equal(1f - 3f, p.Value[0]);
    }
}
