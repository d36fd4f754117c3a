namespace Astrolabe.Nn;

/// <summary>
/// A <see cref="Conv2d"/> trained quantisation-aware: each forward fake-quantises the input per tensor (affine uint8
/// 0 … 255) and the filters per output channel (symmetric int8 −128 … 127, PyTorch's fbgemm QAT weight scheme), then
/// convolves with the layer's stride, padding and bias. The gradient reaches the wrapped filters, bias and input
/// through the straight-through estimator.
/// </summary>
/// <remarks>
/// The wrapped layer's weight and bias are this module's parameters under the same names, so optimizers and
/// checkpoints built for the float model carry over; the fake quantisers are the children <c>input_fake_quant</c>
/// and <c>weight_fake_quant</c>.
/// </remarks>
public sealed class QatConv2d : Module
{
    /// <summary>Wraps <paramref name="conv"/>, sharing its parameters.</summary>
    /// <param name="conv">The layer to train quantisation-aware.</param>
    public QatConv2d(Conv2d conv)
    {
        ArgumentNullException.ThrowIfNull(conv);
        Conv = conv;
        InputFakeQuant = FakeQuantize.PerTensorAffine();
        WeightFakeQuant = FakeQuantize.PerChannelSymmetric(conv.Weight.Dim(0));
    }

    /// <summary>The wrapped layer.</summary>
    public Conv2d Conv { get; }

    /// <summary>The input's fake quantiser (per tensor, affine 0 … 255).</summary>
    public FakeQuantize InputFakeQuant { get; }

    /// <summary>The filters' fake quantiser (per output channel, symmetric −128 … 127).</summary>
    public FakeQuantize WeightFakeQuant { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor x) => Functional.Conv2d(
        InputFakeQuant.Forward(x), WeightFakeQuant.Forward(Conv.Weight), Conv.Bias, Conv.Stride, Conv.Padding, Name);

    /// <inheritdoc />
    public override IEnumerable<(string Name, Module Module)> Children() =>
        [("input_fake_quant", InputFakeQuant), ("weight_fake_quant", WeightFakeQuant)];

    /// <inheritdoc />
    protected override IEnumerable<(string Name, Tensor Tensor)> OwnParameters() =>
        Conv.Bias is null ? [("weight", Conv.Weight)] : [("weight", Conv.Weight), ("bias", Conv.Bias)];
}
