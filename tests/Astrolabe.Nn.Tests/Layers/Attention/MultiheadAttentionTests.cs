namespace Astrolabe.Nn.Tests.Layers.Attention;

public class MultiheadAttentionTests
{
    [Fact]
    public void Parameters_have_pytorch_names_shapes_and_initial_biases()
    {
        var mha = new MultiheadAttention(8, 2, rng: new Rng(1));
        Assert.Equal(["in_proj_weight", "in_proj_bias", "out_proj.weight", "out_proj.bias"], mha.NamedParameters().Select(p => p.Name));
        Assert.Equal([24, 8], mha.InProjWeight.Shape);
        Assert.All(mha.InProjBias!.Data, v => Assert.Equal(0f, v));
        Assert.All(mha.OutProj.Bias!.Data, v => Assert.Equal(0f, v));
        Assert.Equal(["in_proj_weight", "out_proj.weight"], new MultiheadAttention(8, 2, bias: false).NamedParameters().Select(p => p.Name));
    }

    [Fact]
    public void Embed_dim_must_be_divisible_by_heads()
    {
        var e = Assert.Throws<ArgumentException>(() => new MultiheadAttention(10, 3));
        Assert.Contains("not divisible", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_shapes_are_named()
    {
        var mha = new MultiheadAttention(8, 2, rng: new Rng(1));
        var x = Tensor.Zeros(2, 3, 8);
        Assert.Contains("query must be [B, L, E] with E = 8", Assert.Throws<ArgumentException>(() => mha.Forward(Tensor.Zeros(2, 3, 6))).Message, StringComparison.Ordinal);
        Assert.Contains("got [3, 8]", Assert.Throws<ArgumentException>(() => mha.Forward(Tensor.Zeros(3, 8))).Message, StringComparison.Ordinal);
        Assert.Contains("same shape", Assert.Throws<ArgumentException>(() => mha.Forward(x, Tensor.Zeros(2, 4, 8), Tensor.Zeros(2, 5, 8))).Message, StringComparison.Ordinal);
        Assert.Contains("batch", Assert.Throws<ArgumentException>(() => mha.Forward(x, Tensor.Zeros(1, 4, 8), Tensor.Zeros(1, 4, 8))).Message, StringComparison.Ordinal);
        Assert.Contains("keyPaddingMask is [2, 4], expected [B, S] = [2, 3]",
            Assert.Throws<ArgumentException>(() => mha.Forward(x, x, x, new bool[2, 4])).Message, StringComparison.Ordinal);
        Assert.Contains("attnMask is [3, 2], expected [L, S] = [3, 3]",
            Assert.Throws<ArgumentException>(() => mha.Forward(x, x, x, null, AttentionMask.Block(new bool[3, 2]))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Weights_are_a_distribution_that_skips_padded_keys()
    {
        var mha = new MultiheadAttention(8, 4, rng: new Rng(2));
        var x = Tensor.Randn(new Rng(3), 2, 5, 8);
        var padding = new bool[2, 5];
        padding[1, 3] = padding[1, 4] = true;
        var w = mha.Forward(x, x, x, padding).Weights!;
        Assert.Equal([2, 5, 5], w.Shape);
        for (int row = 0; row < 10; row++)
        {
            Assert.Equal(1.0, w.Data.Skip(row * 5).Take(5).Sum(v => (double)v), 5);
        }

        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(0f, w.Data[25 + (i * 5) + 3]);
            Assert.Equal(0f, w.Data[25 + (i * 5) + 4]);
        }
    }

    [Fact]
    public void Causal_mask_keeps_earlier_outputs_independent_of_later_inputs()
    {
        var mha = new MultiheadAttention(4, 2, rng: new Rng(4));
        var x = Tensor.Randn(new Rng(5), 1, 4, 4);
        var before = mha.Forward(x, x, x, null, AttentionMask.Causal(4), needWeights: false).Output.Data[..8];
        x.Data[12] += 3f; // the last position
        var after = mha.Forward(x, x, x, null, AttentionMask.Causal(4), needWeights: false).Output.Data[..8];
        Assert.Equal(before, after);
    }

    [Fact]
    public void A_fully_masked_row_gives_nan_as_pytorch_and_leaves_other_rows_alone()
    {
        var mha = new MultiheadAttention(4, 2, rng: new Rng(6));
        var q = Tensor.Randn(new Rng(7), 2, 2, 4);
        var kv = Tensor.Randn(new Rng(8), 2, 3, 4);
        var padding = new bool[2, 3];
        padding[1, 0] = padding[1, 1] = padding[1, 2] = true;
        var y = mha.Forward(q, kv, kv, padding, needWeights: false).Output;
        Assert.All(y.Data[..8], v => Assert.True(float.IsFinite(v)));
        Assert.All(y.Data[8..], v => Assert.True(float.IsNaN(v)));
    }

    [Fact]
    public void Dropout_acts_in_training_only()
    {
        var mha = new MultiheadAttention(8, 2, dropout: 0.5f, rng: new Rng(9));
        var x = Tensor.Randn(new Rng(10), 2, 6, 8);
        var trained = mha.Forward(x, x, x).Weights!;
        Assert.Contains(trained.Data, v => v == 0f);
        mha.Eval();
        var plain = new MultiheadAttention(8, 2, dropout: 0f, rng: new Rng(9));
        Assert.Equal(plain.Forward(x, x, x).Output.Data, mha.Forward(x, x, x).Output.Data);
    }

    [Fact]
    public void Self_attention_as_one_tensor_equals_three_equal_tensors()
    {
        var mha = new MultiheadAttention(6, 3, rng: new Rng(11));
        var x = Tensor.Randn(new Rng(12), 2, 4, 6);
        var copy = new Tensor((float[])x.Data.Clone(), x.Shape);
        var copy2 = new Tensor((float[])x.Data.Clone(), x.Shape);
        var fused = mha.Forward(x).Data;
        var separate = mha.Forward(x, copy, copy2, needWeights: false).Output.Data;
        for (int i = 0; i < fused.Length; i++)
        {
            Assert.Equal(fused[i], separate[i], 5);
        }
    }
}
