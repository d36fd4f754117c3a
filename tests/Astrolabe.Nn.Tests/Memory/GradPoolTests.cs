namespace Astrolabe.Nn.Tests.Memory;

public class GradPoolTests
{
    private static (Sequential Model, Tensor X, int[] Y) SmallCnn()
    {
        var rng = new Rng(3);
        var model = new Sequential(
            new Conv2d(2, 8, 3, padding: 1, rng: rng), new ReLU(), new MaxPool2d(2),
            new Flatten(), new Linear(8 * 16 * 16, 10, rng: rng));
        var x = Tensor.Randn(rng, 16, 2, 32, 32);
        var y = Enumerable.Range(0, 16).Select(i => i % 10).ToArray();
        return (model, x, y);
    }

    private static float[][] Gradients(Sequential model, Tensor x, int[] y)
    {
        model.ZeroGrad();
        Functional.CrossEntropy(model.Forward(x), y).Backward();
        return [.. model.Parameters().Select(p => (float[])p.Grad!.Clone())];
    }

    [Fact]
    public void A_second_step_on_reused_buffers_gives_the_same_gradients_bit_for_bit()
    {
        GradPool.Clear();
        var (model, x, y) = SmallCnn();
        var first = Gradients(model, x, y);
        Assert.True(GradPool.BytesKept > 0, "the intermediate gradients (16·8·32·32 floats and more) should have been kept");
        var second = Gradients(model, x, y);
        for (int i = 0; i < first.Length; i++)
        {
            Assert.Equal(first[i], second[i]);
        }
    }

    [Fact]
    public void A_reused_buffer_is_zeroed_for_a_tensor_that_accumulates_from_two_consumers()
    {
        GradPool.Clear();
        int n = 2 * GradPool.MinLength;
        var a = Tensor.Randn(new Rng(1), n).RequireGrad();
        float[] Grad()
        {
            a.ZeroGrad();
            var h = Functional.Tanh(a);
            (h * h + h).Sum().Backward();
            return (float[])a.Grad!.Clone();
        }

        var first = Grad();
        var second = Grad();
        Assert.Equal(first, second);
        for (int i = 0; i < 5; i++)
        {
            float t = MathF.Tanh(a.Data[i]);
            Assert.Equal((2 * t + 1) * (1 - (t * t)), first[i], 1e-5f);
        }
    }

    [Fact]
    public void The_first_operation_to_reach_a_reused_buffer_overwrites_it_and_later_ones_add()
    {
        GradPool.Clear();
        int n = 2 * GradPool.MinLength;
        var a = Tensor.Randn(new Rng(4), n).RequireGrad();
        var w = Tensor.Randn(new Rng(5), 4, 8);
        float[] Grad(bool reluFirst)
        {
            a.ZeroGrad();
            var h = Functional.Tanh(a);
            var relu = Functional.Relu(h).Sum();
            var leaky = Functional.LeakyRelu(h, 0.1f).Sum();
            var linear = Functional.Linear(h.Reshape(n / 8, 8), w, null).Sum();
            var square = (h * h).Sum();
            var silu = Functional.Silu(h).Sum();
            var gelu = Functional.Gelu(Functional.Tanh(h)).Sum();
            (reluFirst ? relu + leaky + linear + square + silu + gelu : gelu + silu + square + linear + leaky + relu).Backward();
            return (float[])a.Grad!.Clone();
        }

        // Buffers of the same length come back from the pool holding the previous pass's values.
        for (int round = 0; round < 3; round++)
        {
            var g = Grad(reluFirst: round % 2 == 0);
            for (int i = 0; i < n; i += 997)
            {
                float t = MathF.Tanh(a.Data[i]);
                float wRow = 0;
                for (int o = 0; o < 4; o++)
                {
                    wRow += w.Data[(o * 8) + (i % 8)];
                }

                float sigma = 1 / (1 + MathF.Exp(-t));
                float u = MathF.Tanh(t);
                float gelu = (0.5f * (1 + Erf(u / MathF.Sqrt(2)))) + (u * MathF.Exp(-u * u / 2) / MathF.Sqrt(2 * MathF.PI));
                float dh = (t > 0 ? 1f : 0f) + (t > 0 ? 1f : 0.1f) + wRow + (2 * t) + (sigma * (1 + (t * (1 - sigma)))) + (gelu * (1 - (u * u)));
                Assert.Equal(dh * (1 - (t * t)), g[i], 1e-4f);
            }
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Max_pooling_writes_a_fresh_input_gradient_and_adds_to_one_already_reached(bool poolFirst)
    {
        GradPool.Clear();
        var x = Tensor.Randn(new Rng(6), 4, 8, 33, 34).RequireGrad();
        float[] Grad()
        {
            x.ZeroGrad();
            var h = Functional.Tanh(x);
            var pooled = (Functional.MaxPool2d(h, 2) * Functional.MaxPool2d(h, 2)).Sum();
            var square = (h * h).Sum();
            (poolFirst ? pooled + square : square + pooled).Backward();
            return (float[])x.Grad!.Clone();
        }

        // The pooled path twice (two consumers of h through pooling) plus h², over reused buffers.
        for (int round = 0; round < 3; round++)
        {
            var g = Grad();
            var t = x.Data.Select(MathF.Tanh).ToArray();
            var dh = t.Select(v => 2 * v).ToArray();
            for (int plane = 0; plane < 4 * 8; plane++)
            {
                for (int i = 0; i < 16; i++)
                {
                    for (int j = 0; j < 17; j++)
                    {
                        int a = (plane * 33 * 34) + (2 * i * 34) + (2 * j), best = a;
                        foreach (int c in new[] { a + 1, a + 34, a + 35 })
                        {
                            best = t[c] > t[best] ? c : best;
                        }

                        dh[best] += 2 * t[best]; // d(p1·p2): p2 into the first pooling call, p1 into the second
                    }
                }
            }

            for (int i = 0; i < g.Length; i += 101)
            {
                Assert.Equal(dh[i] * (1 - (t[i] * t[i])), g[i], 1e-4f);
            }
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Batch_norm_writes_a_fresh_input_gradient_and_adds_to_one_already_reached(bool training)
    {
        var rng = new Rng(6);
        var x = Tensor.Randn(rng, 4, 3, 5, 5).RequireGrad();
        var weights = Tensor.Randn(rng, 4, 3, 5, 5);
        var gamma = Tensor.Randn(rng, 3).RequireGrad();
        var beta = Tensor.Randn(rng, 3).RequireGrad();
        float[] mean = [0.1f, -0.2f, 0.3f], variance = [1.5f, 0.7f, 2f];
        float[] Grad(bool alsoSum, bool sumFirst)
        {
            x.ZeroGrad();
            var h = x * 1f;
            var bn = (Functional.BatchNorm(h, (float[])mean.Clone(), (float[])variance.Clone(), gamma, beta, training) * weights).Sum();
            var loss = !alsoSum ? bn : sumFirst ? h.Sum() + bn : bn + h.Sum();
            loss.Backward();
            return (float[])x.Grad!.Clone();
        }

        var alone = Grad(alsoSum: false, sumFirst: false);
        foreach (bool sumFirst in new[] { true, false })
        {
            var both = Grad(alsoSum: true, sumFirst);
            for (int i = 0; i < alone.Length; i++)
            {
                Assert.Equal(alone[i] + 1f, both[i], 1e-5f);
            }
        }
    }

    [Fact]
    public void Intermediate_gradients_are_released_and_leaves_keep_theirs()
    {
        GradPool.Clear();
        int n = GradPool.MinLength;
        var a = Tensor.Randn(new Rng(2), n).RequireGrad();
        var h = Functional.Tanh(a);
        h.Sum().Backward();
        Assert.Null(h.Grad);
        Assert.NotNull(a.Grad);
        Assert.Equal(4L * n, GradPool.BytesKept);
    }

    [Fact]
    public void Short_buffers_are_left_to_the_collector_and_a_full_pool_makes_room_for_the_newest()
    {
        GradPool.Clear();
        GradPool.Return(new float[GradPool.MinLength - 1]);
        Assert.Equal(0, GradPool.BytesKept);
        int half = (int)(GradPool.MaxBytesPerThread / 4 / 2);
        var newest = new float[half - 16];
        GradPool.Return(new float[half]);
        GradPool.Return(new float[half]);
        Assert.Equal(GradPool.MaxBytesPerThread, GradPool.BytesKept);

        // A buffer of another shape evicts what was kept instead of being dropped (stale shapes would block the pool).
        GradPool.Return(newest);
        Assert.Equal(4L * newest.Length, GradPool.BytesKept);
        Assert.Same(newest, GradPool.Rent(newest.Length));
        Assert.Equal(0, GradPool.BytesKept);
        Assert.Equal(half, GradPool.Rent(half).Length);
        GradPool.Clear();
    }

    /// <summary>erf by Abramowitz–Stegun 7.1.26 in double (error below 1.5e-7).</summary>
    private static float Erf(float x)
    {
        double t = 1 / (1 + (0.3275911 * Math.Abs(x)));
        double poly = ((((((((1.061405429 * t) - 1.453152027) * t) + 1.421413741) * t) - 0.284496736) * t) + 0.254829592) * t;
        double y = 1 - (poly * Math.Exp(-x * x));
        return (float)(x < 0 ? -y : y);
    }
}
