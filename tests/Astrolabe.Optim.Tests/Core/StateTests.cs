namespace Astrolabe.Optim.Tests;

public sealed class StateTests
{
    [Fact]
    public void SaveAndLoadResumesExactlyWhereTrainingStopped()
    {
        var q1 = new Quadratic(8);
        var continuous = Optimizers.Adam([q1.W], lr: 0.05, amsgrad: true).WithGradientClipping(1.0);
        q1.Train(continuous, 20);

        var q2 = new Quadratic(8);
        var first = Optimizers.Adam([q2.W], lr: 0.05, amsgrad: true).WithGradientClipping(1.0);
        q2.Train(first, 10);
        using var saved = new MemoryStream();
        first.SaveState(saved);
        float[] values = [.. q2.W.Value];

        var q3 = new Quadratic(8);
        values.CopyTo(q3.W.Value, 0);
        var resumed = Optimizers.Adam([q3.W], lr: 0.999, amsgrad: true).WithGradientClipping(1.0);
        saved.Position = 0;
        resumed.LoadState(saved);
        Assert.Equal(10, resumed.StepCount);
        Assert.Equal(0.05, resumed.LearningRate);
        q3.Train(resumed, 10);
        Assert.Equal(q1.W.Value, q3.W.Value);
    }

    [Fact]
    public void RefusesStateFromDifferentParametersOrChains()
    {
        var opt = Optimizers.Adam([new Parameter("w", new float[4], new float[4], 4)]);
        using var saved = new MemoryStream();
        opt.SaveState(saved);
        saved.Position = 0;
        var other = Optimizers.Adam([new Parameter("w", new float[5], new float[5], 5)]);
        Assert.Contains("does not match 'w' (5 elements)", Assert.Throws<InvalidDataException>(() => other.LoadState(saved)).Message, StringComparison.Ordinal);
        saved.Position = 0;
        var sgd = Optimizers.Sgd([new Parameter("w", new float[4], new float[4], 4)], momentum: 0.9);
        Assert.Contains("different chain", Assert.Throws<InvalidDataException>(() => sgd.LoadState(saved)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SlotsAreReadBackByNameAndAMismatchNamesThem()
    {
        Parameter W() => new("w", new float[4], new float[4], 4);
        using var saved = new MemoryStream();
        Optimizers.Adam([W()]).SaveState(saved);
        saved.Position = 0;
        var e = Assert.Throws<InvalidDataException>(() => Optimizers.Adam([W()], amsgrad: true).LoadState(saved));
        Assert.Contains("saved 2 buffers, expected 3 (m, v, v_max)", e.Message, StringComparison.Ordinal);
        saved.Position = 0;
        e = Assert.Throws<InvalidDataException>(() => Optimizers.NAdam([W()]).LoadState(saved));
        Assert.Contains("saved 1 scalars, expected 2 (count, mu_product)", e.Message, StringComparison.Ordinal);
        saved.Position = 0;
        e = Assert.Throws<InvalidDataException>(() => Optimizers.Adamax([W()]).LoadState(saved));
        Assert.Contains("saved buffer 'v' where 'n' was expected", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AccumulatesMicroBatchesIntoOneStepOnTheirMean()
    {
        var p = new Parameter("w", [1f, -1f], new float[2], 2);
        var opt = Optimizers.Sgd([p], lr: 0.5).WithGradientAccumulation(3);
        float[][] micro = [[1f, 2f], [3f, -2f], [2f, 3f]];
        foreach (var g in micro)
        {
            g.CopyTo(p.Grad, 0);
            opt.Step();
        }

        Assert.Equal(1, opt.StepCount);
        Assert.Equal(1f - (0.5f * 2f), p.Value[0], 1e-6);
        Assert.Equal(-1f - (0.5f * 1f), p.Value[1], 1e-6);
        opt.ZeroGrad();
        Assert.Equal([0f, 0f], p.Grad);
    }
}
