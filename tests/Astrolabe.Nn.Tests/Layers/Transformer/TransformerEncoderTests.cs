using static Astrolabe.Nn.Tests.Autodiff.GradCheck;

namespace Astrolabe.Nn.Tests.Layers.Transformer;

public class TransformerEncoderTests
{
    [Fact]
    public void Parameters_follow_pytorch_names_and_order()
    {
        var layer = new TransformerEncoderLayer(8, 2, 16, rng: new Rng(1));
        Assert.Equal(
        [
            "self_attn.in_proj_weight", "self_attn.in_proj_bias", "self_attn.out_proj.weight", "self_attn.out_proj.bias",
            "linear1.weight", "linear1.bias", "linear2.weight", "linear2.bias", "norm1.weight", "norm1.bias", "norm2.weight", "norm2.bias",
        ], layer.NamedParameters().Select(p => p.Name));
        var encoder = new TransformerEncoder([layer, new TransformerEncoderLayer(8, 2, 16, rng: new Rng(2))], new LayerNorm(8));
        var names = encoder.NamedParameters().Select(p => p.Name).ToList();
        Assert.Equal("layers.0.self_attn.in_proj_weight", names[0]);
        Assert.Equal("layers.1.norm2.bias", names[^3]);
        Assert.Equal(["norm.weight", "norm.bias"], names[^2..]);
    }

    [Fact]
    public void Bad_configuration_and_inputs_are_named()
    {
        Assert.Contains("activation", Assert.Throws<ArgumentException>(() => new TransformerEncoderLayer(8, 2, activation: "tanh")).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new TransformerEncoderLayer(8, 3));
        var layer = new TransformerEncoderLayer(8, 2, 16, batchFirst: true, rng: new Rng(1));
        Assert.Contains("rank-3 input [B, T, E]", Assert.Throws<ArgumentException>(() => layer.Forward(Tensor.Zeros(4, 8))).Message, StringComparison.Ordinal);
        Assert.Contains("keyPaddingMask", Assert.Throws<ArgumentException>(() => layer.Forward(Tensor.Zeros(2, 3, 8), new bool[2, 4], null)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new TransformerEncoder([]));
        Assert.Throws<ArgumentException>(() => new TransformerEncoder([layer, new TransformerEncoderLayer(8, 2, 16, batchFirst: false)]));
    }

    [Fact]
    public void Sequence_first_layout_matches_batch_first()
    {
        var a = new TransformerEncoderLayer(4, 2, 8, dropout: 0f, batchFirst: true, rng: new Rng(3));
        var b = new TransformerEncoderLayer(4, 2, 8, dropout: 0f, batchFirst: false, rng: new Rng(3));
        var x = Tensor.Randn(new Rng(4), 2, 3, 4);
        var xt = new Tensor(new float[24], [3, 2, 4]);
        for (int i = 0; i < 2; i++)
        {
            for (int t = 0; t < 3; t++)
            {
                Array.Copy(x.Data, ((i * 3) + t) * 4, xt.Data, ((t * 2) + i) * 4, 4);
            }
        }

        var ya = a.Forward(x);
        var yb = b.Forward(xt);
        for (int i = 0; i < 2; i++)
        {
            for (int t = 0; t < 3; t++)
            {
                for (int e = 0; e < 4; e++)
                {
                    Assert.Equal(ya.Data[(((i * 3) + t) * 4) + e], yb.Data[(((t * 2) + i) * 4) + e], 5);
                }
            }
        }
    }

    [Theory]
    [InlineData(false, "relu", true)]
    [InlineData(true, "gelu", false)]
    public void Gradients_match_finite_differences(bool normFirst, string activation, bool batchFirst)
    {
        var layer = new TransformerEncoderLayer(4, 2, 6, dropout: 0f, activation: activation, normFirst: normFirst, batchFirst: batchFirst, rng: new Rng(5));
        var encoder = new TransformerEncoder([layer], new LayerNorm(4));
        var src = Random(6, 2, 3, 4);
        var padding = new bool[3, 2];
        padding[2, 1] = true;
        var mask = batchFirst ? new bool[2, 3] : padding;
        if (batchFirst)
        {
            mask[1, 2] = true;
        }

        Check(_ => encoder.Forward(src, mask, null), [src, .. encoder.NamedParameters().Select(p => p.Tensor)], atol: 5e-3);
    }
}
