namespace Astrolabe.Nn.Tests.Quantization;

public class FakeQuantTests
{
    [Fact]
    public void Ties_round_to_even_and_values_clamp()
    {
        var x = new Tensor([0.5f, 1.5f, 2.5f, -0.5f, -1.5f, 200f, -200f, 127.4f], [8]);
        var y = FakeQuant.FakeQuantizePerTensorAffine(x, 1f, 0, -128, 127);
        Assert.Equal([0f, 2f, 2f, 0f, -2f, 127f, -128f, 127f], y.Data);
    }

    [Fact]
    public void Nan_infinities_and_levels_past_two_to_the_63_go_to_quant_min_as_in_pytorch_on_x86()
    {
        var x = new Tensor([float.NaN, float.PositiveInfinity, float.NegativeInfinity, 1e20f, -1e20f, 1e10f], [6]).RequireGrad();
        var y = FakeQuant.FakeQuantizePerTensorAffine(x, 1f, 0, -128, 127);
        Assert.Equal([-128f, -128f, -128f, -128f, -128f, 127f], y.Data);
        y.Backward([1, 1, 1, 1, 1, 1]);
        Assert.Equal([0f, 0f, 0f, 0f, 0f, 0f], x.Grad!);
    }

    [Fact]
    public void The_gradient_passes_inside_the_range_only_and_accumulates()
    {
        var x = new Tensor([0f, 1.2f, 3.4f, 3.6f, -0.6f], [5]).RequireGrad();
        var a = FakeQuant.FakeQuantizePerTensorAffine(x, 1f, 0, 0, 3);
        var b = FakeQuant.FakeQuantizePerTensorAffine(x, 1f, 0, 0, 3);
        Functional.Sum(Functional.Add(a, Functional.Scale(b, 2f))).Backward();
        Assert.Equal([3f, 3f, 3f, 0f, 0f], x.Grad!);
    }

    [Fact]
    public void Per_channel_uses_each_channels_parameters_along_the_axis()
    {
        // [2, 3] with axis 1: column c uses scale c and zero point c.
        var x = new Tensor([1f, 1f, 1f, -3f, -3f, -3f], [2, 3]);
        var y = FakeQuant.FakeQuantizePerChannelAffine(x, [1f, 0.5f, 4f], [0, 1, -1], 1, -4, 3);
        Assert.Equal([1f, 1f, 0f, -3f, -2.5f, -4f], y.Data);
    }

    [Fact]
    public void Per_channel_equals_per_tensor_on_each_slice()
    {
        var rng = new Rng(3);
        var data = new float[2 * 3 * 4];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = (float)(rng.NextDouble() * 6 - 3);
        }

        var x = new Tensor(data, [2, 3, 4]);
        float[] scales = [0.1f, 0.03f, 0.7f];
        int[] zps = [0, -5, 3];
        var y = FakeQuant.FakeQuantizePerChannelAffine(x, scales, zps, 1, -8, 7);
        for (int o = 0; o < 2; o++)
        {
            for (int c = 0; c < 3; c++)
            {
                var slice = new Tensor(data.AsSpan((o * 12) + (c * 4), 4).ToArray(), [4]);
                var expected = FakeQuant.FakeQuantizePerTensorAffine(slice, scales[c], zps[c], -8, 7);
                Assert.Equal(expected.Data, y.Data.AsSpan((o * 12) + (c * 4), 4).ToArray());
            }
        }
    }

    [Fact]
    public void No_graph_is_recorded_under_no_grad()
    {
        var x = new Tensor([1f, 2f], [2]).RequireGrad();
        using (GradMode.NoGrad())
        {
            Assert.False(FakeQuant.FakeQuantizePerTensorAffine(x, 1f, 0, 0, 255).RequiresGrad);
        }
    }

    [Theory]
    [InlineData(0f, 0, 0, 255)]
    [InlineData(-1f, 0, 0, 255)]
    [InlineData(float.NaN, 0, 0, 255)]
    [InlineData(float.PositiveInfinity, 0, 0, 255)]
    [InlineData(1f, 256, 0, 255)]
    [InlineData(1f, -1, 0, 255)]
    [InlineData(1f, 0, 0, 0)]
    [InlineData(1f, 0, 5, 0)]
    [InlineData(1f, 0, -40000, 0)]
    [InlineData(1f, 0, 0, 70000)]
    [InlineData(1f, 0, -32768, 32768)]
    public void Bad_per_tensor_arguments_are_rejected(float scale, int zeroPoint, int quantMin, int quantMax)
    {
        var x = new Tensor([1f], [1]);
        Assert.Throws<ArgumentException>(() => FakeQuant.FakeQuantizePerTensorAffine(x, scale, zeroPoint, quantMin, quantMax));
    }

    [Fact]
    public void The_full_16_bit_ranges_are_accepted()
    {
        var x = new Tensor([1f], [1]);
        Assert.Equal(1f, FakeQuant.FakeQuantizePerTensorAffine(x, 1f, 0, 0, 65535).Item());
        Assert.Equal(1f, FakeQuant.FakeQuantizePerTensorAffine(x, 1f, 0, -32768, 32767).Item());
    }

    [Fact]
    public void Bad_per_channel_arguments_are_rejected()
    {
        var x = new Tensor(new float[6], [2, 3]);
        Assert.Throws<ArgumentException>(() => FakeQuant.FakeQuantizePerChannelAffine(x, [1f, 1f], [0, 0], 2, -128, 127));
        Assert.Throws<ArgumentException>(() => FakeQuant.FakeQuantizePerChannelAffine(x, [1f, 1f], [0, 0], -1, -128, 127));
        Assert.Throws<ArgumentException>(() => FakeQuant.FakeQuantizePerChannelAffine(x, [1f, 1f, 1f], [0, 0], 0, -128, 127));
        Assert.Throws<ArgumentException>(() => FakeQuant.FakeQuantizePerChannelAffine(x, [1f], [0, 0], 0, -128, 127));
        Assert.Throws<ArgumentException>(() => FakeQuant.FakeQuantizePerChannelAffine(x, [1f, 0f], [0, 0], 0, -128, 127));
        Assert.Throws<ArgumentException>(() => FakeQuant.FakeQuantizePerChannelAffine(x, [1f, 1f], [0, 200], 0, -128, 127));
        Assert.Throws<ArgumentException>(() => FakeQuant.FakeQuantizePerChannelAffine(x, [1f, 1f], [0, 0], 0, 127, -128));
        Assert.Throws<ArgumentException>(() => FakeQuant.FakeQuantizePerChannelAffine(new Tensor([1f], []), [1f], [0], 0, -128, 127));
    }
}
