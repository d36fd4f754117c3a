namespace Astrolabe.Nn;

public sealed partial class Tensor
{
    /// <summary>A tensor of zeros.</summary>
    /// <param name="shape">The dimensions.</param>
    /// <returns>The new tensor.</returns>
    public static Tensor Zeros(params int[] shape) => new(new float[Shapes.Numel(shape)], shape);

    /// <summary>A tensor filled with <paramref name="value"/>.</summary>
    /// <param name="value">The fill value.</param>
    /// <param name="shape">The dimensions.</param>
    /// <returns>The new tensor.</returns>
    public static Tensor Full(float value, params int[] shape)
    {
        var data = new float[Shapes.Numel(shape)];
        Array.Fill(data, value);
        return new Tensor(data, shape);
    }

    /// <summary>A one-element tensor of shape [] (a scalar).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The new tensor.</returns>
    public static Tensor Scalar(float value) => new([value], []);

    /// <summary>A tensor of independent standard normal samples.</summary>
    /// <param name="rng">The seeded random source.</param>
    /// <param name="shape">The dimensions.</param>
    /// <returns>The new tensor.</returns>
    public static Tensor Randn(Rng rng, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var data = new float[Shapes.Numel(shape)];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = (float)rng.NextNormal();
        }

        return new Tensor(data, shape);
    }

    /// <summary>A tensor of independent uniform samples in [low, high).</summary>
    /// <param name="rng">The seeded random source.</param>
    /// <param name="low">The lower bound.</param>
    /// <param name="high">The upper bound.</param>
    /// <param name="shape">The dimensions.</param>
    /// <returns>The new tensor.</returns>
    public static Tensor Uniform(Rng rng, float low, float high, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var data = new float[Shapes.Numel(shape)];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = (float)(low + ((high - low) * rng.NextDouble()));
        }

        return new Tensor(data, shape);
    }
}
