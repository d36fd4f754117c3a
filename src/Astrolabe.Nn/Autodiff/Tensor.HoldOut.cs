namespace Astrolabe.Nn;

public sealed partial class Tensor
{
    /// <summary>
    /// Sets whether gradients flow to this leaf, keeping its gradient buffer: <see cref="InputGradient"/> holds a
    /// module's parameters out of a backward pass with it and puts them back afterwards.
    /// </summary>
    internal void SetRequiresGrad(bool value) => RequiresGrad = value;
}
