namespace Astrolabe.Optim.Tests;

public sealed class CheckpointCompatibilityTests
{
    /// <summary>
    /// Fixtures/adam-amsgrad-clip-v1.bin was written by the version-1 format: Adam (AMSGrad, weight decay 0.01) behind
    /// a non-finite guard and norm clipping at 1.0, after 10 steps on <c>Quadratic(8)</c>, with the learning rate
    /// changed from 0.05 to 0.02 before the first step.
    /// </summary>
    [Fact]
    public void AVersion1CheckpointLoadsAndTrainingContinuesIdentically()
    {
        static Optimizer Build(Quadratic q, double lr) => Optimizers.Adam([q.W], lr: lr, weightDecay: 0.01, amsgrad: true)
            .WithNonFiniteGradients(NonFiniteGradientPolicy.Skip)
            .WithGradientClipping(1.0);

        var upToSave = new Quadratic(8);
        upToSave.Train(Build(upToSave, 0.02), 10);
        // The values the version-1 writer had after its 10 steps.
        Assert.Equal([-0.71043277f, 0.27566478f, 0.61704654f, 0.607503f, 1.5990005f, -1.4262317f, -1.1564358f, -0.2732882f], upToSave.W.Value);
        float[] atSave = [.. upToSave.W.Value];

        var reference = new Quadratic(8);
        var straight = Build(reference, 0.02);
        reference.Train(straight, 20);

        var resumed = new Quadratic(8);
        atSave.CopyTo(resumed.W.Value, 0);
        var loaded = Build(resumed, 0.999);
        using (var file = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Core", "Fixtures", "adam-amsgrad-clip-v1.bin")))
        {
            loaded.LoadState(file);
        }

        Assert.Equal(10, loaded.StepCount);
        Assert.Equal(0.02, loaded.LearningRate);
        resumed.Train(loaded, 10);
        Assert.Equal(reference.W.Value, resumed.W.Value);

        // Version 1 held no accumulation state: it loads into an accumulating optimizer too, with nothing gathered.
        var accumulating = Build(new Quadratic(8), 0.5).WithGradientAccumulation(2);
        using (var file = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Core", "Fixtures", "adam-amsgrad-clip-v1.bin")))
        {
            accumulating.LoadState(file);
        }

        Assert.Equal((10, 0.02), (accumulating.StepCount, accumulating.LearningRate));
    }
}
