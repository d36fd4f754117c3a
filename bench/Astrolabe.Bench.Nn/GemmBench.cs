using Astrolabe.Nn;

namespace Astrolabe.Bench.Nn;

/// <summary>Times C = A·B for square float32 matrices through the public MatMul (no autodiff).</summary>
internal static class GemmBench
{
    public static (double Wall, double Cpu) GFlops(int n)
    {
        var rng = new Rng(n);
        var a = Tensor.Randn(rng, n, n);
        var b = Tensor.Randn(rng, n, n);
        int inner = n <= 512 ? 20 : 4;
        var arena = new TensorArena();
        var (wall, cpu) = Timing.Median(() =>
        {
            using var scope = arena.Enter();
            a.MatMul(b);
        }, inner, repeats: 5, warmup: 1);
        return (2.0 * n * n * n / wall / 1e9, 2.0 * n * n * n / cpu / 1e9);
    }
}
