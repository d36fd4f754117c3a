namespace Astrolabe.Optim.Tests;

public sealed class AdaptiveGradientClippingTests
{
    [Fact]
    public void ClipsEachOutputUnitRelativeToItsWeightNorm()
    {
        // Brock et al. 2021, eq. 3: G_i ← λ·max(‖W_i‖, ε)/‖G_i‖·G_i when ‖G_i‖/max(‖W_i‖, ε) > λ.
        var p = new Parameter("w", [3f, 4f, 0f, 0f, 1f, 1f], [30f, 40f, 1f, 0f, 0.001f, 0.002f], 3, 2);
        var opt = Optimizers.Sgd([p], lr: 1.0).WithAdaptiveGradientClipping(clipping: 0.1, eps: 1e-3);
        opt.Step();
        // Row 0: ‖W‖ = 5, allowed 0.5, ‖G‖ = 50 → G = (0.3, 0.4). Row 1: ‖W‖ = 0 → allowed 1e-4 → G = (1e-4, 0).
        // Row 2: ‖W‖ = √2, allowed 0.1414, ‖G‖ = 0.00224 → unchanged.
        float[] expected = [3f - 0.3f, 4f - 0.4f, -1e-4f, 0f, 1f - 0.001f, 1f - 0.002f];
        for (int j = 0; j < 6; j++)
        {
            Assert.Equal(expected[j], p.Value[j], 1e-6);
        }
    }

    [Fact]
    public void AVectorIsOneUnit()
    {
        var p = new Parameter("b", [0.6f, 0.8f], [3f, 4f], 2);
        Optimizers.Sgd([p], lr: 1.0).WithAdaptiveGradientClipping(clipping: 0.5).Step();
        Assert.Equal(0.6f - 0.3f, p.Value[0], 1e-6);
        Assert.Equal(0.8f - 0.4f, p.Value[1], 1e-6);
    }

    [Fact]
    public void ConvergesOnAQuadratic()
    {
        var q = new Quadratic(16);
        var opt = Optimizers.Sgd([q.W], lr: 0.1, momentum: 0.9).WithAdaptiveGradientClipping(0.05);
        Assert.True(q.Train(opt, 1000) < 1e-3, $"distance {q.MaxDistance()}");
    }
}
