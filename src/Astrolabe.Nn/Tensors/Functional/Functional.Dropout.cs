namespace Astrolabe.Nn;

public static partial class Functional
{
    /// <summary>
    /// Inverted dropout: in training, zeroes each element with probability <paramref name="p"/> and scales the rest by
    /// 1/(1−p); otherwise returns <paramref name="x"/> unchanged.
    /// </summary>
    /// <param name="x">The input.</param>
    /// <param name="p">The drop probability in [0, 1).</param>
    /// <param name="training">Whether to drop.</param>
    /// <param name="rng">The seeded random source for the mask.</param>
    /// <returns>The result.</returns>
    public static Tensor Dropout(Tensor x, float p, bool training, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (p is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "Dropout probability must be in [0, 1).");
        }

        if (!training || p == 0)
        {
            return x;
        }

        float scale = 1f / (1f - p);
        var mask = TensorMemory.Output(x.Length);
        rng.FillMask(mask, p, scale);
        var y = TensorMemory.Output(x.Length);
        System.Numerics.Tensors.TensorPrimitives.Multiply(x.Data, mask, y);

        return Tensor.FromOp(y, x.Shape, o =>
            System.Numerics.Tensors.TensorPrimitives.FusedMultiplyAdd(o.Grad!, mask, x.GradBuffer(), x.GradBuffer()), x);
    }
}
