namespace Astrolabe.Optim.Tests;

public sealed class LionTests
{
    [Fact]
    public void MatchesThePapersUpdateWorkedByHand()
    {
        double[] w = [1.0, -2.0, 0.5, 0.0], m = new double[4];
        double[][] grads = [[0.3, -0.2, 0.0, 1.0], [-0.5, -0.1, 0.2, -0.01], [0.4, 0.3, -0.3, 0.02]];
        const double Lr = 0.01, B1 = 0.9, B2 = 0.99, Wd = 0.1;
        var p = new Parameter("w", [.. w.Select(x => (float)x)], new float[4], 4);
        var opt = Optimizers.Lion([p], lr: Lr, beta1: B1, beta2: B2, weightDecay: Wd);
        foreach (var g in grads)
        {
            for (int j = 0; j < 4; j++)
            {
                // Chen et al. 2023, Algorithm 2: c = β1·m + (1−β1)·g; θ ← θ − η(sign(c) + λθ); m ← β2·m + (1−β2)·g.
                double c = (B1 * m[j]) + ((1 - B1) * g[j]);
                w[j] -= Lr * (Math.Sign(c) + (Wd * w[j]));
                m[j] = (B2 * m[j]) + ((1 - B2) * g[j]);
                p.Grad[j] = (float)g[j];
            }

            opt.Step();
            for (int j = 0; j < 4; j++)
            {
                Assert.Equal(w[j], p.Value[j], 1e-6);
            }
        }
    }

    [Fact]
    public void ConvergesOnAQuadratic()
    {
        var q = new Quadratic(16);
        var opt = Optimizers.Lion([q.W], lr: 0.02).WithSchedule(new CosineAnnealingSchedule(0.02, 1500, 1e-4));
        Assert.True(q.Train(opt, 1500) < 0.005, $"distance {q.MaxDistance()}");
    }
}
