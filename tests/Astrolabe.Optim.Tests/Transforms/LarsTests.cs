namespace Astrolabe.Optim.Tests;

public sealed class LarsTests
{
    [Fact]
    public void MatchesThePapersUpdateWorkedByHand()
    {
        double[] w = [3.0, -4.0], buf = new double[2];
        double[][] grads = [[0.6, 0.8], [-0.3, 0.1], [0.05, -0.2]];
        const double Lr = 0.5, Mu = 0.9, Wd = 0.001, Eta = 0.01;
        var p = new Parameter("w", [.. w.Select(x => (float)x)], new float[2], 2);
        var opt = Optimizers.Lars([p], lr: Lr, momentum: Mu, weightDecay: Wd, trustCoefficient: Eta);
        foreach (var g in grads)
        {
            // You et al. 2017, Algorithm 1: λ_l = η‖w‖/‖∇L + βw‖; v ← μv + γλ_l(∇L + βw); w ← w − v.
            double[] d = [g[0] + (Wd * w[0]), g[1] + (Wd * w[1])];
            double local = Eta * Norm(w) / Norm(d);
            for (int j = 0; j < 2; j++)
            {
                buf[j] = (Mu * buf[j]) + (Lr * local * d[j]);
                w[j] -= buf[j];
                p.Grad[j] = (float)g[j];
            }

            opt.Step();
            Assert.Equal(w[0], p.Value[0], 1e-6);
            Assert.Equal(w[1], p.Value[1], 1e-6);
        }
    }

    [Fact]
    public void ConvergesOnAQuadratic()
    {
        var q = new Quadratic(16);
        var opt = Optimizers.Lars([q.W], lr: 1.0, momentum: 0.9, trustCoefficient: 0.02).WithSchedule(new CosineAnnealingSchedule(1.0, 1000, 1e-3));
        Assert.True(q.Train(opt, 1000) < 0.01, $"distance {q.MaxDistance()}");
    }

    private static double Norm(double[] x) => Math.Sqrt(x.Sum(e => e * e));
}
