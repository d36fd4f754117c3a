namespace Astrolabe.Optim.Tests;

[Collection("KernelOptions")]
public sealed class AdamKernelTests
{
    [Theory]
    [InlineData(1, false, 0.0, false)]
    [InlineData(2, true, 0.01, false)]
    [InlineData(2, false, 0.0, true)]
    public void LargeThreadedBuffersMatchAScalarFloat64Adam(int threads, bool amsgrad, double weightDecay, bool decoupled)
    {
        const int N = 300_007;
        const double Lr = 0.01, B1 = 0.9, B2 = 0.999, Eps = 1e-8;
        var rng = new Random(3);
        var p = new Parameter("w", [.. Enumerable.Range(0, N).Select(_ => (float)rng.NextDouble() - 0.5f)], new float[N], N);
        double[] w = [.. p.Value.Select(x => (double)x)], m = new double[N], v = new double[N], vmax = new double[N];
        int saved = KernelOptions.MaxDegreeOfParallelism;
        KernelOptions.MaxDegreeOfParallelism = threads;
        try
        {
            var opt = decoupled
                ? Optimizers.AdamW([p], lr: Lr, weightDecay: 0.1, maximize: true)
                : Optimizers.Adam([p], lr: Lr, weightDecay: weightDecay, amsgrad: amsgrad);
            for (int t = 1; t <= 3; t++)
            {
                for (int j = 0; j < N; j++)
                {
                    p.Grad[j] = (float)Math.Sin((j * 0.37) + t);
                    double g = decoupled ? -p.Grad[j] : p.Grad[j] + (weightDecay * w[j]);
                    m[j] = (B1 * m[j]) + ((1 - B1) * g);
                    v[j] = (B2 * v[j]) + ((1 - B2) * g * g);
                    vmax[j] = Math.Max(vmax[j], v[j]);
                    double denom = (Math.Sqrt(amsgrad ? vmax[j] : v[j]) / Math.Sqrt(1 - Math.Pow(B2, t))) + Eps;
                    w[j] = (decoupled ? w[j] * (1 - (Lr * 0.1)) : w[j]) - (Lr / (1 - Math.Pow(B1, t)) * m[j] / denom);
                }

                opt.Step();
            }

            for (int j = 0; j < N; j++)
            {
                Assert.True(Math.Abs(p.Value[j] - w[j]) <= 1e-6 + (1e-5 * Math.Abs(w[j])), $"element {j}: {p.Value[j]} vs {w[j]}");
            }
        }
        finally
        {
            KernelOptions.MaxDegreeOfParallelism = saved;
        }
    }

    [Fact]
    public void MaterializedAdamEqualsFusedAdam()
    {
        // A clip that never clips forces Adam's deferred update to be evaluated into a buffer before it is applied.
        var a = new Parameter("a", [0.5f, -1f, 2f], [0.3f, -0.1f, 0.7f], 3);
        var b = new Parameter("b", [0.5f, -1f, 2f], [0.3f, -0.1f, 0.7f], 3);
        var fused = Optimizers.Adam([a], lr: 0.1);
        var materialized = new Optimizer([b], new Chain(new ScaleByAdam(), new ClipByValue(1e9), new ScaleByLearningRate(0.1)));
        for (int t = 0; t < 3; t++)
        {
            fused.Step();
            materialized.Step();
        }

        Assert.Equal(a.Value, b.Value);
    }
}

public sealed class AdamKernelWidthTests
{
    [Theory]
    [InlineData(512, true, 0.9f)]
    [InlineData(256, false, 0f)]
    public void EveryVectorWidthMatchesTheScalarLoop(int width, bool amsgrad, float destScale)
    {
        // Vector512 runs in software where the CPU lacks AVX-512, so this checks that path on any machine.
        const int N = 67;
        var rng = new Random(width);
        float[] Rand() => [.. Enumerable.Range(0, N).Select(_ => (float)rng.NextDouble() - 0.3f)];
        float[] x = Rand(), p = Rand(), m1 = Rand(), v1 = [.. Rand().Select(Math.Abs)], d1 = Rand();
        float[] vm1 = [.. v1.Select(e => e * 1.1f)];
        float[] m2 = [.. m1], v2 = [.. v1], d2 = [.. d1], vm2 = [.. vm1];
        var input = new LinearInput(x, -1.5f, 0.25f, p);
        var c = new AdamCoefficients(0.9f, 0.1f, 0.999f, 0.001f, 1.7f, 3.1f, 1e-8f);
        int stop = width == 512
            ? AdamKernel.Run512(input, m1, v1, amsgrad ? vm1 : null, c, d1, destScale, -0.01f, 0, N)
            : AdamKernel.Run256(input, m1, v1, amsgrad ? vm1 : null, c, d1, destScale, -0.01f, 0, N);
        Assert.Equal(N - (N % (width / 32)), stop);
        AdamKernel.RunScalar(input, m1, v1, amsgrad ? vm1 : null, c, d1, destScale, -0.01f, stop, N);
        AdamKernel.RunScalar(input, m2, v2, amsgrad ? vm2 : null, c, d2, destScale, -0.01f, 0, N);
        for (int j = 0; j < N; j++)
        {
            Assert.Equal(m2[j], m1[j], 1e-7);
            Assert.Equal(v2[j], v1[j], 1e-7);
            Assert.Equal(vm2[j], vm1[j], 1e-7);
            Assert.Equal(d2[j], d1[j], 1e-6);
        }
    }
}
