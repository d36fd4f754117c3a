namespace Astrolabe.Optim.Tests;

public sealed class MaskedTests
{
    [Fact]
    public void GroupsGetTheirOwnTransformationsAndStateSurvivesASaveLoad()
    {
        var w = new Parameter("w", [1f, 2f], [0.5f, -0.5f], 2);
        var bias = new Parameter("bias", [3f], [1f], 1);
        Optimizer Build(Parameter a, Parameter b) => new([a, b], new Chain(
            new Masked(new AddDecayedWeights(0.5), p => p.Name != "bias"),
            new Masked(new ScaleBySgdMomentum(0.9), p => p.Name == "bias"),
            new ScaleByLearningRate(0.1)));
        var opt = Build(w, bias);
        opt.Step();
        opt.Step();
        // w: plain SGD with weight decay 0.5; bias: momentum 0.9, no decay.
        float w0 = 1f - (0.1f * (0.5f + (0.5f * 1f)));
        w0 -= 0.1f * (0.5f + (0.5f * w0));
        Assert.Equal(w0, w.Value[0], 1e-6);
        Assert.Equal(3f - (0.1f * 1f) - (0.1f * 1.9f), bias.Value[0], 1e-6);

        using var saved = new MemoryStream();
        opt.SaveState(saved);
        var w2 = new Parameter("w", [.. w.Value], [0.5f, -0.5f], 2);
        var bias2 = new Parameter("bias", [.. bias.Value], [1f], 1);
        var resumed = Build(w2, bias2);
        saved.Position = 0;
        resumed.LoadState(saved);
        opt.Step();
        resumed.Step();
        Assert.Equal(w.Value, w2.Value);
        Assert.Equal(bias.Value, bias2.Value);
    }
}
