namespace Astrolabe.Nn;

/// <summary>Inverted dropout: active only in training mode; the mask comes from a seeded source.</summary>
public sealed class Dropout : Module
{
    private readonly Rng _rng;

    /// <summary>Creates the layer.</summary>
    /// <param name="p">The drop probability in [0, 1).</param>
    /// <param name="rng">The random source for masks (default: <see cref="Seed"/>).</param>
    public Dropout(float p = 0.5f, Rng? rng = null)
    {
        if (p is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "Dropout probability must be in [0, 1).");
        }

        P = p;
        _rng = rng ?? Seed.Next();
    }

    /// <summary>The drop probability.</summary>
    public float P { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor x) => Functional.Dropout(x, P, IsTraining, _rng);
}
