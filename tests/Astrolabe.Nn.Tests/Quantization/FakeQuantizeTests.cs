namespace Astrolabe.Nn.Tests.Quantization;

/// <summary>The expected scales and zero points are PyTorch 1.13's <c>FakeQuantize</c> on the same inputs.</summary>
public class FakeQuantizeTests
{
    [Theory]
    [InlineData(new[] { -1f, 2f }, 0.0117647061124444f, 85)]
    [InlineData(new[] { 0f, 0f, 0f }, 1.1920928955078125e-07f, 0)]
    [InlineData(new[] { 1f, 2f, 3f }, 0.0117647061124444f, 0)]
    [InlineData(new[] { -3f, -1f }, 0.0117647061124444f, 255)]
    [InlineData(new[] { -0.3f, 5.7f }, 0.0235294122248888f, 13)]
    [InlineData(new[] { -0.01f, 100f }, 0.39219608902931213f, 0)]
    public void The_first_observation_gives_pytorchs_affine_uint8_parameters(float[] data, float scale, int zeroPoint)
    {
        var fq = FakeQuantize.PerTensorAffine();
        fq.Forward(new Tensor(data, [data.Length]));
        Assert.Equal([scale], fq.Scale);
        Assert.Equal([zeroPoint], fq.ZeroPoint);
    }

    [Fact]
    public void Later_observations_move_the_range_by_the_averaging_constant()
    {
        var fq = FakeQuantize.PerTensorAffine();
        fq.Forward(new Tensor([-1f, 2f], [2]));
        fq.Forward(new Tensor([-3f, 0.5f], [2]));
        Assert.Equal([-1.0199999809265137f], fq.ObservedMin);
        Assert.Equal([1.9850000143051147f], fq.ObservedMax);
        Assert.Equal([0.011784314177930355f], fq.Scale);
        Assert.Equal([87], fq.ZeroPoint);
    }

    [Fact]
    public void Per_channel_symmetric_gives_pytorchs_int8_weight_parameters_and_output()
    {
        var fq = FakeQuantize.PerChannelSymmetric(3);
        var w = new Tensor([-1f, 0.5f, 0.25f, 0f, 0f, 0f, 0.2f, 3f, -0.1f], [3, 3]);
        var y = fq.Forward(w);
        Assert.Equal([0.007843137718737125f, 1.1920928955078125e-07f, 0.0235294122248888f], fq.Scale);
        Assert.Equal([0, 0, 0], fq.ZeroPoint);
        Assert.Equal(
            [-0.9960784912109375f, 0.501960813999176f, 0.250980406999588f, 0f, 0f, 0f, 0.1882352977991104f, 2.9882352352142334f, -0.0941176488995552f],
            y.Data);
        fq.Forward(Functional.Scale(w, 3f));
        Assert.Equal([0.007999999448657036f, 1.1920928955078125e-07f, 0.024000000208616257f], fq.Scale);
    }

    [Fact]
    public void Evaluation_mode_and_a_disabled_observer_freeze_the_parameters()
    {
        var fq = FakeQuantize.PerTensorAffine();
        fq.Forward(new Tensor([-1f, 2f], [2]));
        fq.Eval();
        var y = fq.Forward(new Tensor([-5f, 0.4f, 1f], [3]));
        Assert.Equal([0.0117647061124444f], fq.Scale);
        Assert.Equal(FakeQuant.FakeQuantizePerTensorAffine(new Tensor([-5f, 0.4f, 1f], [3]), 0.0117647061124444f, 85, 0, 255).Data, y.Data);
        fq.Train();
        fq.ObserverEnabled = false;
        fq.Forward(new Tensor([-50f, 50f], [2]));
        Assert.Equal([-1f], fq.ObservedMin);
    }

    [Fact]
    public void Before_any_observation_the_scale_is_one_and_disabling_fake_quant_passes_the_input()
    {
        var fq = FakeQuantize.PerTensorAffine();
        fq.Eval();
        Assert.Equal([1f, 2f], fq.Forward(new Tensor([1.4f, 2.2f], [2])).Data);
        fq.FakeQuantEnabled = false;
        var x = new Tensor([1.4f], [1]);
        Assert.Same(x, fq.Forward(x));
    }

    [Fact]
    public void Its_state_is_checkpoint_buffers()
    {
        var fq = FakeQuantize.PerChannelSymmetric(2, axis: 1);
        Assert.Equal(["scale", "zero_point", "min_val", "max_val"], fq.NamedBuffers().Select(b => b.Name));
        Assert.Empty(fq.NamedParameters());
        Assert.Throws<ArgumentException>(() => fq.Forward(new Tensor(new float[6], [2, 3])));
    }

    [Fact]
    public void Bad_ranges_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => FakeQuantize.PerTensorAffine(1, 255));
        Assert.Throws<ArgumentException>(() => FakeQuantize.PerTensorAffine(0, 0));
        Assert.Throws<ArgumentException>(() => FakeQuantize.PerChannelSymmetric(4, 0, 0, 255));
        Assert.Throws<ArgumentOutOfRangeException>(() => FakeQuantize.PerTensorAffine(averagingConstant: 0f));
    }
}
