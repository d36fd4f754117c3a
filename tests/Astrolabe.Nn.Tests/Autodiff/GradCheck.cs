namespace Astrolabe.Nn.Tests.Autodiff;

/// <summary>Central finite differences against the analytic gradient of Σ f(inputs)·r for a fixed random r.</summary>
internal static class GradCheck
{
    /// <remarks>With <paramref name="arena"/>, every evaluation runs in a scope of it (the analytic pass included).</remarks>
    public static void Check(Func<Tensor[], Tensor> f, Tensor[] inputs, double eps = 1e-3, double atol = 3e-3, double rtol = 2e-2, int seed = 7, TensorArena? arena = null)
    {
        foreach (var t in inputs)
        {
            t.RequireGrad();
            t.ZeroGrad();
        }

        float[] r;
        using (arena?.Enter() ?? default)
        {
            var outTensor = f(inputs);
            var rng = new Rng(seed);
            r = new float[outTensor.Length];
            for (int i = 0; i < r.Length; i++)
            {
                r[i] = (float)rng.NextNormal();
            }

            outTensor.Backward(r);
        }

        for (int k = 0; k < inputs.Length; k++)
        {
            var t = inputs[k];
            var analytic = (float[])t.Grad!.Clone();
            for (int i = 0; i < t.Length; i++)
            {
                float saved = t.Data[i];
                t.Data[i] = (float)(saved + eps);
                double plus = Objective(f, inputs, r, arena);
                t.Data[i] = (float)(saved - eps);
                double minus = Objective(f, inputs, r, arena);
                t.Data[i] = saved;
                double numeric = (plus - minus) / (2 * eps);
                Assert.True(
                    Math.Abs(numeric - analytic[i]) <= atol + (rtol * Math.Abs(numeric)),
                    $"input {k} element {i}: analytic {analytic[i]}, numeric {numeric}");
            }
        }
    }

    public static Tensor Random(int seed, params int[] shape)
    {
        var t = Tensor.Randn(new Rng(seed), shape);
        return t;
    }

    /// <summary>Random values kept at least <paramref name="gap"/> away from zero (for kinks at 0).</summary>
    public static Tensor AwayFromZero(int seed, float gap, params int[] shape)
    {
        var t = Random(seed, shape);
        for (int i = 0; i < t.Length; i++)
        {
            t.Data[i] += MathF.CopySign(gap, t.Data[i]);
        }

        return t;
    }

    private static double Objective(Func<Tensor[], Tensor> f, Tensor[] inputs, float[] r, TensorArena? arena)
    {
        using var scope = arena?.Enter() ?? default;
        using var _ = GradMode.NoGrad();
        var y = f(inputs);
        double s = 0;
        for (int i = 0; i < y.Length; i++)
        {
            s += (double)y.Data[i] * r[i];
        }

        return s;
    }
}
