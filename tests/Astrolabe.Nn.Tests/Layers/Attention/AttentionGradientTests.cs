using static Astrolabe.Nn.Tests.Autodiff.GradCheck;

namespace Astrolabe.Nn.Tests.Layers.Attention;

/// <summary>Finite-difference checks of the fused attention (inputs, packed projection weight and bias).</summary>
public class AttentionGradientTests
{
    private static readonly bool[] s_padding = [false, false, false, true, false, false, true, true];

    [Fact]
    public void Self_attention_with_padding_and_additive_mask()
    {
        var mask = AttentionMask.Additive(new float[,] { { 0, -1, 0.5f, 0 }, { 0, 0, 0, -2 }, { 1, 0, 0, 0 }, { 0, 0.3f, 0, 0 } });
        Check(t => AttentionCore.Forward(t[0], t[0], t[0], t[1], t[2], 2, s_padding, mask, 0f, new Rng(1), false).Context,
            [Random(1, 2, 4, 6), Scaled(2, 0.5f, 18, 6), Random(3, 18)]);
    }

    [Fact]
    public void Cross_attention_with_key_equal_to_value()
    {
        Check(t => AttentionCore.Forward(t[0], t[1], t[1], t[2], t[3], 3, null, null, 0f, new Rng(1), false).Context,
            [Random(4, 2, 3, 6), Random(5, 2, 4, 6), Scaled(6, 0.5f, 18, 6), Random(7, 18)]);
    }

    [Fact]
    public void Cross_attention_with_three_tensors_and_no_bias()
    {
        Check(t => AttentionCore.Forward(t[0], t[1], t[2], t[3], null, 2, null, AttentionMask.Causal(3), 0f, new Rng(1), false).Context,
            [Random(8, 1, 3, 4), Random(9, 1, 3, 4), Random(10, 1, 3, 4), Scaled(11, 0.5f, 12, 4)]);
    }

    [Fact]
    public void Averaged_weights_and_dropout()
    {
        // A fresh generator per evaluation draws the same dropout mask each time.
        Check(t => AttentionCore.Forward(t[0], t[0], t[0], t[1], t[2], 2, null, null, 0.3f, new Rng(5), true).Weights!,
            [Random(12, 2, 3, 4), Scaled(13, 0.5f, 12, 4), Random(14, 12)]);
        Check(t => AttentionCore.Forward(t[0], t[0], t[0], t[1], t[2], 2, null, null, 0.3f, new Rng(5), false).Context,
            [Random(15, 2, 3, 4), Scaled(16, 0.5f, 12, 4), Random(17, 12)]);
    }

    [Fact]
    public void Module_output_and_weights_together()
    {
        var mha = new MultiheadAttention(4, 2, rng: new Rng(18));
        var x = Random(19, 2, 3, 4);
        var inputs = new[] { x }.Concat(mha.NamedParameters().Select(p => p.Tensor)).ToArray();
        Check(_ =>
        {
            var r = mha.Forward(x, x, x);
            return Functional.Add(Functional.Sum(r.Output), Functional.Scale(Functional.Sum(Functional.Mul(r.Weights!, r.Weights!)), 3f));
        }, inputs);
    }

    [Fact]
    public void Inside_an_arena_scope()
    {
        Check(t => AttentionCore.Forward(t[0], t[1], t[1], t[2], t[3], 2, s_padding, null, 0.2f, new Rng(3), true).Weights!,
            [Random(20, 2, 3, 4), Random(21, 2, 4, 4), Scaled(22, 0.5f, 12, 4), Random(23, 12)], arena: new TensorArena());
    }

    [Fact]
    public void Pairs_split_across_threads_give_the_serial_result()
    {
        // 64 (batch, head) pairs of 32×32 scores: enough work to be split when two threads are allowed.
        var x = Random(24, 16, 32, 16);
        var w = Scaled(25, 0.3f, 48, 16);
        var b = Random(26, 48);
        var padding = new bool[16 * 32];
        padding[40] = padding[500] = true;
        int saved = KernelThreads.Max;
        try
        {
            var (serialY, serialGx, serialGw) = Run(1);
            var (parallelY, parallelGx, parallelGw) = Run(2);
            Assert.Equal(serialY, parallelY);
            Assert.Equal(serialGx, parallelGx);
            Assert.Equal(serialGw, parallelGw);
        }
        finally
        {
            KernelThreads.Max = saved;
        }

        (float[] Y, float[] Gx, float[] Gw) Run(int threads)
        {
            KernelThreads.Max = threads;
            foreach (var t in new[] { x, w, b })
            {
                t.RequireGrad().ZeroGrad();
            }

            var y = AttentionCore.Forward(x, x, x, w, b, 4, padding, AttentionMask.Causal(32), 0f, new Rng(1), false).Context;
            y.Backward(Random(27, y.Shape).Data);
            return ((float[])y.Data.Clone(), (float[])x.Grad!.Clone(), (float[])w.Grad!.Clone());
        }
    }

    private static Tensor Scaled(int seed, float s, params int[] shape)
    {
        var t = Random(seed, shape);
        System.Numerics.Tensors.TensorPrimitives.Multiply(t.Data, s, t.Data);
        return t;
    }
}
