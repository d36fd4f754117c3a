using Astrolabe.Optim;

namespace Astrolabe.Nn.Tests.Layers.Recurrent;

public class RecurrentLayerTests
{
    [Fact]
    public void Parameters_are_named_and_shaped_as_pytorch()
    {
        var lstm = new Lstm(3, 5, numLayers: 2, bidirectional: true, rng: new Rng(1));
        Assert.Equal(
            ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0",
             "weight_ih_l0_reverse", "weight_hh_l0_reverse", "bias_ih_l0_reverse", "bias_hh_l0_reverse",
             "weight_ih_l1", "weight_hh_l1", "bias_ih_l1", "bias_hh_l1",
             "weight_ih_l1_reverse", "weight_hh_l1_reverse", "bias_ih_l1_reverse", "bias_hh_l1_reverse"],
            lstm.NamedParameters().Select(p => p.Name));
        var shapes = lstm.NamedParameters().ToDictionary(p => p.Name, p => p.Tensor.Shape);
        Assert.Equal([20, 3], shapes["weight_ih_l0"]);
        Assert.Equal([20, 5], shapes["weight_hh_l0_reverse"]);
        Assert.Equal([20, 10], shapes["weight_ih_l1"]);
        Assert.Equal([20], shapes["bias_hh_l1_reverse"]);

        var gru = new Gru(4, 6, bias: false, rng: new Rng(1));
        Assert.Equal(["weight_ih_l0", "weight_hh_l0"], gru.NamedParameters().Select(p => p.Name));
        Assert.Equal([18, 4], gru.NamedParameters()[0].Tensor.Shape);
    }

    [Fact]
    public void Initialisation_is_uniform_within_one_over_root_hidden_and_seeded()
    {
        var a = new Gru(3, 16, numLayers: 2, rng: new Rng(7));
        var b = new Gru(3, 16, numLayers: 2, rng: new Rng(7));
        float bound = 1 / MathF.Sqrt(16);
        foreach (var ((_, ta), (_, tb)) in a.NamedParameters().Zip(b.NamedParameters()))
        {
            Assert.Equal(ta.Data, tb.Data);
            Assert.All(ta.Data, v => Assert.InRange(v, -bound, bound));
            Assert.True(ta.Data.Max() > 0.8f * bound && ta.Data.Min() < -0.8f * bound);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Shapes_of_output_and_final_states(bool lstm)
    {
        var layer = RecurrentGradCheckTests.Build(lstm, 3, 4, 2, bidirectional: true, seed: 2);
        var x = Tensor.Randn(new Rng(1), 5, 7, 3);
        var r = Run(layer, x, null);
        Assert.Equal([5, 7, 8], r.Output.Shape);
        Assert.Equal([4, 5, 4], r.Hidden.Shape);
        Assert.Equal(lstm ? [4, 5, 4] : null, r.Cell?.Shape);
        Assert.Equal(r.Output.Data, layer.Forward(x).Data);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_sequence_with_a_length_is_the_same_as_that_sequence_cut_and_run_alone(bool lstm)
    {
        const int time = 6, hidden = 5;
        var layer = RecurrentGradCheckTests.Build(lstm, 3, hidden, 2, bidirectional: true, seed: 3);
        var x = Tensor.Randn(new Rng(2), 4, time, 3);
        int[] lengths = [4, 6, 1, 3];
        var packed = Run(layer, x, lengths);
        for (int b = 0; b < 4; b++)
        {
            int len = lengths[b];
            var alone = new Tensor(x.Data.AsSpan(b * time * 3, len * 3).ToArray(), [1, len, 3]);
            var r = Run(layer, alone, null);
            for (int t = 0; t < time; t++)
            {
                var row = packed.Output.Data.AsSpan(((b * time) + t) * 2 * hidden, 2 * hidden);
                if (t < len)
                {
                    AssertClose(r.Output.Data.AsSpan(t * 2 * hidden, 2 * hidden), row);
                }
                else
                {
                    Assert.All(row.ToArray(), v => Assert.Equal(0f, v));
                }
            }

            for (int k = 0; k < 4; k++)
            {
                AssertClose(r.Hidden.Data.AsSpan(k * hidden, hidden), packed.Hidden.Data.AsSpan(((k * 4) + b) * hidden, hidden));
                if (lstm)
                {
                    AssertClose(r.Cell!.Data.AsSpan(k * hidden, hidden), packed.Cell!.Data.AsSpan(((k * 4) + b) * hidden, hidden));
                }
            }
        }
    }

    [Fact]
    public void The_final_state_is_the_output_at_the_last_valid_step_forward_and_at_step_zero_in_reverse()
    {
        const int time = 5, hidden = 3;
        var gru = new Gru(2, hidden, bidirectional: true, rng: new Rng(4));
        var x = Tensor.Randn(new Rng(3), 2, time, 2);
        int[] lengths = [2, 5];
        var r = gru.Forward(x, lengths);
        for (int b = 0; b < 2; b++)
        {
            var last = r.Output.Data.AsSpan(((b * time) + lengths[b] - 1) * 2 * hidden, hidden);
            var first = r.Output.Data.AsSpan((b * time * 2 * hidden) + hidden, hidden);
            Assert.Equal(last.ToArray(), r.Hidden.Data.AsSpan(b * hidden, hidden).ToArray());
            Assert.Equal(first.ToArray(), r.Hidden.Data.AsSpan((2 + b) * hidden, hidden).ToArray());
        }
    }

    [Fact]
    public void Dropout_applies_between_layers_in_training_only()
    {
        var lstm = new Lstm(3, 6, numLayers: 2, dropout: 0.5f, rng: new Rng(5));
        var x = Tensor.Randn(new Rng(6), 2, 4, 3);
        var eval1 = ((Lstm)lstm.Eval()).Forward(x).Data;
        var eval2 = lstm.Forward(x).Data;
        Assert.Equal(eval1, eval2);
        var train = ((Lstm)lstm.Train()).Forward(x).Data;
        Assert.NotEqual(eval1, train);

        var single = new Lstm(3, 6, dropout: 0.5f, rng: new Rng(5));
        Assert.Equal(((Lstm)single.Eval()).Forward(x).Data, ((Lstm)single.Train()).Forward(x).Data);
    }

    [Fact]
    public void Backward_from_the_final_state_alone_reaches_every_weight_and_the_input()
    {
        var lstm = new Lstm(3, 4, numLayers: 2, bidirectional: true, rng: new Rng(8));
        var x = Tensor.Randn(new Rng(9), 2, 3, 3).RequireGrad();
        var r = lstm.Forward(x, [3, 2]);
        r.Hidden.Sum().Backward();
        Assert.Contains(x.Grad!, v => v != 0);
        Assert.All(lstm.NamedParameters(), p => Assert.Contains(p.Tensor.Grad!, v => v != 0));
        // The second row's third step is padding: nothing depends on it.
        Assert.All(x.Grad!.AsSpan(((1 * 3) + 2) * 3, 3).ToArray(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Training_steps_in_an_arena_match_steps_without_one_bit_for_bit()
    {
        var plain = TrainClassifier(arena: null);
        var arena = new TensorArena { Poison = true };
        var reused = TrainClassifier(arena);
        Assert.Equal(plain, reused);
        Assert.True(plain[^1] < plain[0], "the loss should fall");
    }

    [Fact]
    public void A_steady_state_training_step_allocates_little_besides_its_arena()
    {
        var lstm = new Lstm(16, 32, rng: new Rng(1));
        var head = new Linear(32, 3, rng: new Rng(2));
        var x = Tensor.Randn(new Rng(3), 32, 24, 16);
        int[] y = [.. Enumerable.Range(0, 32).Select(i => i % 3)];
        var optimizer = Optimizers.Adam([.. lstm.Parameters(), .. head.Parameters()], lr: 1e-3);
        var arena = new TensorArena();
        void Step()
        {
            using var scope = arena.Enter();
            optimizer.ZeroGrad();
            var h = lstm.Forward(x, null).Hidden.Reshape(32, 32);
            Functional.CrossEntropy(head.Forward(h), y).Backward();
            optimizer.Step();
        }

        for (int i = 0; i < 3; i++)
        {
            Step();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++)
        {
            Step();
        }

        double perStep = (GC.GetAllocatedBytesForCurrentThread() - before) / 10.0;
        Assert.True(perStep <= 0.02 * arena.BytesUsed, $"{perStep:F0} bytes allocated per step for {arena.BytesUsed} tensor bytes");
    }

    private static float[] TrainClassifier(TensorArena? arena)
    {
        var gru = new Gru(4, 8, rng: new Rng(11));
        var head = new Linear(8, 3, rng: new Rng(12));
        var x = Tensor.Randn(new Rng(13), 6, 5, 4);
        int[] y = [0, 1, 2, 0, 1, 2];
        int[] lengths = [5, 3, 1, 4, 5, 2];
        var optimizer = Optimizers.Adam([.. gru.Parameters(), .. head.Parameters()], lr: 3e-2);
        var losses = new float[8];
        for (int s = 0; s < losses.Length; s++)
        {
            using var scope = arena?.Enter() ?? default;
            optimizer.ZeroGrad();
            var h = gru.Forward(x, lengths).Hidden.Reshape(6, 8);
            var loss = Functional.CrossEntropy(head.Forward(h), y);
            losses[s] = loss.Item();
            loss.Backward();
            optimizer.Step();
        }

        return losses;
    }

    internal static RecurrentOutput Run(RecurrentLayer layer, Tensor x, int[]? lengths) => layer switch
    {
        Lstm l => l.Forward(x, lengths),
        Gru g => g.Forward(x, lengths),
        _ => throw new ArgumentException("not a recurrent layer"),
    };

    private static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-6f + (1e-5f * Math.Abs(expected[i])), $"element {i}: {actual[i]} vs {expected[i]}");
        }
    }
}
