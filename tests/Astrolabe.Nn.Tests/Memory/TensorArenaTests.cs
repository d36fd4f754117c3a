using Astrolabe.Nn.Tests.Autodiff;
using Astrolabe.Optim;

namespace Astrolabe.Nn.Tests.Memory;

public class TensorArenaTests
{
    private static Sequential Cnn(int seed)
    {
        var rng = new Rng(seed);
        return new Sequential(
            new Conv2d(2, 8, 3, padding: 1, rng: rng), new BatchNorm(8), new ReLU(), new MaxPool2d(2),
            new Conv2d(8, 8, 3, rng: rng), new Tanh(), new AvgPool2d(2),
            new Flatten(), new Linear(8 * 3 * 3, 16, rng: rng), new LayerNorm(16), new GELU(), new Dropout(0.25f, new Rng(5)),
            new Linear(16, 10, rng: rng));
    }

    private static (Tensor X, int[] Y) Data(int seed, int n)
    {
        var rng = new Rng(seed);
        return (Tensor.Randn(rng, n, 2, 16, 16), [.. Enumerable.Range(0, n).Select(i => i % 10)]);
    }

    /// <summary>Steps of Adam on one batch; returns the loss of each step (read inside the step) and the final parameters.</summary>
    private static (float[] Losses, float[][] Parameters) Train(Sequential model, Tensor x, int[] y, int steps, TensorArena? arena)
    {
        var optimizer = Optimizers.Adam(model.Parameters(), lr: 1e-2);
        var losses = new float[steps];
        for (int s = 0; s < steps; s++)
        {
            using var scope = arena?.Enter() ?? default;
            optimizer.ZeroGrad();
            var loss = Functional.CrossEntropy(model.Forward(x), y);
            losses[s] = loss.Item();
            loss.Backward();
            optimizer.Step();
        }

        return (losses, [.. model.NamedParameters().Select(p => (float[])p.Tensor.Data.Clone())]);
    }

    [Fact]
    public void Steps_on_reused_buffers_give_the_same_numbers_bit_for_bit_as_a_fresh_model_without_an_arena()
    {
        var (x, y) = Data(1, 12);
        var plain = Train(Cnn(4), x, y, 4, arena: null);
        var arena = new TensorArena { Poison = true };
        var reused = Train(Cnn(4), x, y, 4, arena);

        Assert.Equal(plain.Losses, reused.Losses);
        for (int i = 0; i < plain.Parameters.Length; i++)
        {
            Assert.Equal(plain.Parameters[i], reused.Parameters[i]);
        }

        Assert.True(arena.BytesKept > 0, "the steps' arrays should be kept for the next step");
    }

    [Fact]
    public void A_second_step_takes_every_array_from_the_first()
    {
        var (x, y) = Data(2, 8);
        var model = Cnn(3);
        var arena = new TensorArena();
        Train(model, x, y, 1, arena);
        long kept = arena.BytesKept;
        Train(model, x, y, 1, arena);
        Assert.Equal(kept, arena.BytesKept);
        Assert.True(arena.BytesUsed > 0);
    }

    [Fact]
    public void The_input_gradient_of_a_random_graph_matches_finite_differences_with_buffer_reuse_on()
    {
        var arena = new TensorArena { Poison = true };
        for (int seed = 0; seed < 6; seed++)
        {
            var graph = RandomGraph(seed);
            var inputs = new[] { GradCheck.AwayFromZero(100 + seed, 0.05f, 3, 8), GradCheck.Random(200 + seed, 8, 8) };
            // Every evaluation (the analytic one and each finite difference) is one scope: the arrays of the last one are reused.
            GradCheck.Check(graph, inputs, arena: arena);
        }
    }

    /// <summary>A random chain of element-wise, matrix and normalising operations where some results feed two consumers.</summary>
    private static Func<Tensor[], Tensor> RandomGraph(int seed)
    {
        var rng = new Rng(seed);
        var picks = Enumerable.Range(0, 6).Select(_ => rng.NextInt(7)).ToArray();
        return t =>
        {
            Tensor h = t[0], w = t[1];
            foreach (int pick in picks)
            {
                h = pick switch
                {
                    0 => Functional.Tanh(h),
                    1 => h.MatMul(w),
                    2 => h * h + h,
                    3 => Functional.Softmax(h) - Functional.Sigmoid(h),
                    4 => Functional.LayerNorm(h, 8, null, null),
                    5 => Functional.Silu(h) * Functional.Tanh(h),
                    _ => Functional.Scale(Functional.Linear(h, w, null), 0.5f) + h,
                };
            }

            return h;
        };
    }

    [Fact]
    public void Tensors_made_outside_a_scope_and_parameters_are_never_taken_back()
    {
        var arena = new TensorArena { Poison = true };
        var w = Tensor.Randn(new Rng(1), 64, 64).RequireGrad();
        var x = Tensor.Randn(new Rng(2), 32, 64);
        var before = Functional.Tanh(x);
        var copy = (float[])before.Data.Clone();
        using (arena.Enter())
        {
            Functional.Tanh(x.MatMul(w)).Sum().Backward();
        }

        Assert.Equal(copy, before.Data);
        Assert.DoesNotContain(float.NaN, w.Grad!);
        Assert.DoesNotContain(float.NaN, w.Data);
    }

    [Fact]
    public void Nested_scopes_hand_back_only_their_own_arrays()
    {
        var arena = new TensorArena { Poison = true };
        var x = Tensor.Randn(new Rng(3), 16, 16);
        using (arena.Enter())
        {
            var outer = Functional.Tanh(x);
            var expected = (float[])outer.Data.Clone();
            using (arena.Enter())
            {
                _ = Functional.Sigmoid(outer);
            }

            var again = Functional.Relu(x); // may take the inner scope's array, never the outer's
            Assert.Equal(expected, outer.Data);
            Assert.NotSame(outer.Data, again.Data);
        }
    }

    [Fact]
    public void Closing_scopes_out_of_order_is_an_error()
    {
        var a = new TensorArena();
        var b = new TensorArena();
        var outer = a.Enter();
        var inner = b.Enter();
        Assert.Throws<InvalidOperationException>(() => outer.Dispose());
        inner.Dispose();
        outer.Dispose();
        Assert.Null(TensorArena.Current);
    }

    [Fact]
    public void Inference_with_activations_in_place_gives_the_same_output_and_leaves_the_input_alone()
    {
        var rng = new Rng(9);
        var model = new Sequential(
            new Flatten(), new ReLU(), new Linear(2 * 16 * 16, 40, rng: rng), new GELU(), new ReLU(), new Linear(40, 30, rng: rng),
            new SiLU(), new Tanh(), new Linear(30, 20, rng: rng), new Dropout(0.5f, new Rng(1)), new ReLU(),
            new Linear(20, 10, rng: rng), new Sigmoid());
        model.Eval();
        var (x, _) = Data(3, 5);
        for (int i = 0; i < x.Length; i += 3)
        {
            x.Data[i] = -Math.Abs(x.Data[i]); // negatives the first ReLU must not clear in the caller's input
        }

        var input = (float[])x.Data.Clone();
        using var noGrad = GradMode.NoGrad();
        var expected = model.Forward(x).Data;
        var arena = new TensorArena { Poison = true };
        for (int round = 0; round < 2; round++)
        {
            using (arena.Enter())
            {
                Assert.Equal(expected, model.Forward(x).Data);
            }
        }

        Assert.Equal(input, x.Data);
    }
}
