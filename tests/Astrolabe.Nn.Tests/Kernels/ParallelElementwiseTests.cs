namespace Astrolabe.Nn.Tests.Kernels;

/// <summary>Large element-wise operations are split across threads; the result must not depend on it.</summary>
public sealed class ParallelElementwiseTests
{
    public static TheoryData<string> Activations() => ["relu", "leaky_relu", "silu", "gelu", "tanh", "elu"];

    [Theory]
    [MemberData(nameof(Activations))]
    public void ValuesAndGradientsAreTheSameOnOneThreadAndOnTwo(string name)
    {
        var (y1, g1) = Run(name, threads: 1);
        var (y2, g2) = Run(name, threads: 2);
        Assert.Equal(y1, y2);
        Assert.Equal(g1, g2);
    }

    private static (float[] Y, float[] Grad) Run(string name, int threads)
    {
        int saved = KernelThreads.Max;
        KernelThreads.Max = threads;
        try
        {
            var rng = new Rng(7);
            var x = Tensor.Randn(rng, 300_001).RequireGrad();
            var weights = Tensor.Randn(rng, 300_001);
            var y = name switch
            {
                "relu" => Functional.Relu(x),
                "leaky_relu" => Functional.LeakyRelu(x, 0.1f),
                "silu" => Functional.Silu(x),
                "gelu" => Functional.Gelu(x),
                "tanh" => Functional.Tanh(x),
                _ => Functional.Elu(x, 0.5f),
            };
            (y * weights).Sum().Backward();
            return (y.Data.ToArray(), x.Grad!.ToArray());
        }
        finally
        {
            KernelThreads.Max = saved;
        }
    }
}
