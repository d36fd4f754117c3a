namespace Astrolabe.Nn;

/// <summary>
/// A <see cref="Linear"/> trained quantisation-aware: each forward fake-quantises the input per tensor (affine uint8
/// 0 … 255, <see cref="FakeQuantize.PerTensorAffine"/>) and the weight per output channel (symmetric int8 −128 … 127,
/// <see cref="FakeQuantize.PerChannelSymmetric"/>, PyTorch's fbgemm QAT weight scheme), then applies the layer's
/// weight and bias. The gradient reaches the wrapped weight, bias and input through the straight-through estimator.
/// </summary>
/// <remarks>
/// The wrapped layer's weight and bias are this module's parameters, under the same names (<c>weight</c>,
/// <c>bias</c>), so optimizers and checkpoints built for the float model carry over; the fake quantisers are the
/// children <c>input_fake_quant</c> and <c>weight_fake_quant</c>, whose state is checkpoint buffers.
/// </remarks>
public sealed class QatLinear : Module
{
    /// <summary>Wraps <paramref name="linear"/>, sharing its parameters.</summary>
    /// <param name="linear">The layer to train quantisation-aware.</param>
    public QatLinear(Linear linear)
    {
        ArgumentNullException.ThrowIfNull(linear);
        Linear = linear;
        InputFakeQuant = FakeQuantize.PerTensorAffine();
        WeightFakeQuant = FakeQuantize.PerChannelSymmetric(linear.Weight.Dim(0));
    }

    /// <summary>The wrapped layer.</summary>
    public Linear Linear { get; }

    /// <summary>The input's fake quantiser (per tensor, affine 0 … 255).</summary>
    public FakeQuantize InputFakeQuant { get; }

    /// <summary>The weight's fake quantiser (per output channel, symmetric −128 … 127).</summary>
    public FakeQuantize WeightFakeQuant { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor x) =>
        Functional.Linear(InputFakeQuant.Forward(x), WeightFakeQuant.Forward(Linear.Weight), Linear.Bias, Name);

    /// <inheritdoc />
    public override IEnumerable<(string Name, Module Module)> Children() =>
        [("input_fake_quant", InputFakeQuant), ("weight_fake_quant", WeightFakeQuant)];

    /// <inheritdoc />
    protected override IEnumerable<(string Name, Tensor Tensor)> OwnParameters() =>
        Linear.Bias is null ? [("weight", Linear.Weight)] : [("weight", Linear.Weight), ("bias", Linear.Bias)];
}
