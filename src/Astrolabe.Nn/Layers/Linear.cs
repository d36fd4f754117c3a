namespace Astrolabe.Nn;

/// <summary>
/// Fully connected layer <c>y = x·Wᵀ + b</c> on the last dimension. Weight [out, in]; initialised as PyTorch
/// (Kaiming uniform with a = √5, i.e. U(±1/√in), bias U(±1/√in)).
/// </summary>
public sealed class Linear : Module
{
    /// <summary>Creates the layer.</summary>
    /// <param name="inFeatures">Input width (positive).</param>
    /// <param name="outFeatures">Output width (positive).</param>
    /// <param name="bias">Whether to add a bias.</param>
    /// <param name="rng">The random source for initialisation (default: <see cref="Seed"/>).</param>
    public Linear(int inFeatures, int outFeatures, bool bias = true, Rng? rng = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inFeatures);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outFeatures);
        rng ??= Seed.Next();
        Weight = NewParameter("weight", outFeatures, inFeatures);
        Init.KaimingUniform(Weight, rng, Math.Sqrt(5));
        if (bias)
        {
            Bias = NewParameter("bias", outFeatures);
            Init.Uniform(Bias, rng, 1 / Math.Sqrt(inFeatures));
        }
    }

    /// <summary>The weight [out, in].</summary>
    public Tensor Weight { get; }

    /// <summary>The bias [out], or null.</summary>
    public Tensor? Bias { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor x) => Functional.Linear(x, Weight, Bias, Name);

    /// <inheritdoc />
    protected override IEnumerable<(string Name, Tensor Tensor)> OwnParameters() =>
        Bias is null ? [("weight", Weight)] : [("weight", Weight), ("bias", Bias)];
}
