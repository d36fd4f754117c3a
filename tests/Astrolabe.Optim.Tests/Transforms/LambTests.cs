namespace Astrolabe.Optim.Tests;

public sealed class LambTests
{
    [Fact]
    public void MatchesThePapersUpdateWorkedByHand()
    {
        double[] w = [1.0, 2.0, -0.5], m = new double[3], v = new double[3];
        double[][] grads = [[0.5, -1.0, 0.25], [0.2, -0.4, -0.3]];
        const double Lr = 0.1, B1 = 0.9, B2 = 0.999, Eps = 1e-6, Wd = 0.01;
        var p = new Parameter("w", [.. w.Select(x => (float)x)], new float[3], 3);
        var opt = Optimizers.Lamb([p], lr: Lr, beta1: B1, beta2: B2, eps: Eps, weightDecay: Wd);
        for (int t = 1; t <= grads.Length; t++)
        {
            // You et al. 2020, Algorithm 2: r = m̂/(√v̂ + ε) + λw; w ← w − η·‖w‖/‖r‖·r.
            var r = new double[3];
            for (int j = 0; j < 3; j++)
            {
                double g = grads[t - 1][j];
                m[j] = (B1 * m[j]) + ((1 - B1) * g);
                v[j] = (B2 * v[j]) + ((1 - B2) * g * g);
                double mHat = m[j] / (1 - Math.Pow(B1, t)), vHat = v[j] / (1 - Math.Pow(B2, t));
                r[j] = (mHat / (Math.Sqrt(vHat) + Eps)) + (Wd * w[j]);
                p.Grad[j] = (float)g;
            }

            double trust = Norm(w) / Norm(r);
            for (int j = 0; j < 3; j++)
            {
                w[j] -= Lr * trust * r[j];
            }

            opt.Step();
            for (int j = 0; j < 3; j++)
            {
                Assert.Equal(w[j], p.Value[j], 1e-6);
            }
        }
    }

    [Fact]
    public void ConvergesOnAQuadratic()
    {
        var q = new Quadratic(16);
        var opt = Optimizers.Lamb([q.W], lr: 0.02).WithSchedule(new CosineAnnealingSchedule(0.02, 1000, 1e-5));
        Assert.True(q.Train(opt, 1000) < 0.01, $"distance {q.MaxDistance()}");
    }

    private static double Norm(double[] x) => Math.Sqrt(x.Sum(e => e * e));
}
