namespace Astrolabe.Nn;

/// <summary>ReLU layer (see <see cref="Functional.Relu"/>).</summary>
public sealed class ReLU : Module, IInPlaceActivation
{
    /// <inheritdoc />
    void IInPlaceActivation.ApplyInPlace(float[] data) => Functional.UnaryInPlace(data, Functional.ReluForward);

    /// <inheritdoc />
    public override Tensor Forward(Tensor x) => Functional.Relu(x);
}

/// <summary>Leaky ReLU layer (see <see cref="Functional.LeakyRelu"/>).</summary>
/// <param name="negativeSlope">The slope for negative inputs.</param>
public sealed class LeakyReLU(float negativeSlope = 0.01f) : Module
{
    /// <summary>The slope for negative inputs.</summary>
    public float NegativeSlope => negativeSlope;

    /// <inheritdoc />
    public override Tensor Forward(Tensor x) => Functional.LeakyRelu(x, negativeSlope);
}

/// <summary>GELU layer, exact erf form (see <see cref="Functional.Gelu"/>).</summary>
public sealed class GELU : Module, IInPlaceActivation
{
    /// <inheritdoc />
    void IInPlaceActivation.ApplyInPlace(float[] data) => Functional.UnaryInPlace(data, Functional.GeluForward);

    /// <inheritdoc />
    public override Tensor Forward(Tensor x) => Functional.Gelu(x);
}

/// <summary>SiLU layer (see <see cref="Functional.Silu"/>).</summary>
public sealed class SiLU : Module, IInPlaceActivation
{
    /// <inheritdoc />
    void IInPlaceActivation.ApplyInPlace(float[] data) => Functional.UnaryInPlace(data, Functional.SiluForward);

    /// <inheritdoc />
    public override Tensor Forward(Tensor x) => Functional.Silu(x);
}

/// <summary>ELU layer (see <see cref="Functional.Elu"/>).</summary>
/// <param name="alpha">α.</param>
public sealed class ELU(float alpha = 1f) : Module
{
    /// <summary>α: the limit of the output for large negative inputs is −α.</summary>
    public float Alpha => alpha;

    /// <inheritdoc />
    public override Tensor Forward(Tensor x) => Functional.Elu(x, alpha);
}

/// <summary>Tanh layer (see <see cref="Functional.Tanh"/>).</summary>
public sealed class Tanh : Module, IInPlaceActivation
{
    /// <inheritdoc />
    void IInPlaceActivation.ApplyInPlace(float[] data) => Functional.UnaryInPlace(data, Functional.TanhForward);

    /// <inheritdoc />
    public override Tensor Forward(Tensor x) => Functional.Tanh(x);
}

/// <summary>Sigmoid layer (see <see cref="Functional.Sigmoid"/>).</summary>
public sealed class Sigmoid : Module, IInPlaceActivation
{
    /// <inheritdoc />
    void IInPlaceActivation.ApplyInPlace(float[] data) => Functional.UnaryInPlace(data, Functional.SigmoidForward);

    /// <inheritdoc />
    public override Tensor Forward(Tensor x) => Functional.Sigmoid(x);
}

/// <summary>Softplus layer (see <see cref="Functional.Softplus"/>).</summary>
public sealed class Softplus : Module
{
    /// <inheritdoc />
    public override Tensor Forward(Tensor x) => Functional.Softplus(x);
}
