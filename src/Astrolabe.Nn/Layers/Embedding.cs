namespace Astrolabe.Nn;

/// <summary>A lookup table [rows, dim] initialised N(0, 1) as PyTorch; inputs are tensors of integral indices.</summary>
public sealed class Embedding : Module
{
    /// <summary>Creates the table.</summary>
    /// <param name="rows">The number of entries.</param>
    /// <param name="dim">The embedding width.</param>
    /// <param name="rng">The random source for initialisation (default: <see cref="Seed"/>).</param>
    public Embedding(int rows, int dim, Rng? rng = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dim);
        Weight = NewParameter("weight", rows, dim);
        Init.Normal(Weight, rng ?? Seed.Next(), 1);
    }

    /// <summary>The table [rows, dim].</summary>
    public Tensor Weight { get; }

    /// <summary>Looks up integer indices.</summary>
    /// <param name="indices">The indices.</param>
    /// <param name="shape">Their shape.</param>
    /// <returns>The rows, shape + [dim].</returns>
    public Tensor Forward(int[] indices, int[] shape) => Functional.Embedding(indices, shape, Weight, Name);

    /// <summary>Looks up indices stored as whole numbers in a float tensor.</summary>
    /// <param name="x">The indices.</param>
    /// <returns>The rows, x's shape + [dim].</returns>
    public override Tensor Forward(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var idx = new int[x.Length];
        for (int i = 0; i < idx.Length; i++)
        {
            float v = x.Data[i];
            if (v != MathF.Floor(v))
            {
                throw new ArgumentException($"{Name}: index {v} is not a whole number.");
            }

            idx[i] = (int)v;
        }

        return Functional.Embedding(idx, x.Shape, Weight, Name);
    }

    /// <inheritdoc />
    protected override IEnumerable<(string Name, Tensor Tensor)> OwnParameters() => [("weight", Weight)];
}
