namespace Astrolabe.Nn;

/// <summary>
/// Differentiable fake quantisation, bit for bit as PyTorch 1.13's CPU <c>torch.fake_quantize_per_tensor_affine</c>
/// and <c>torch.fake_quantize_per_channel_affine</c> in float32.
/// </summary>
/// <remarks>
/// Each element becomes <c>(clamp(q, quantMin, quantMax) − zeroPoint) · scale</c> with
/// <c>q = zeroPoint + round(x · inv)</c>, where <c>inv = 1f / scale</c> is rounded to float32 before the multiply
/// (multiplying by it, not dividing by the scale: the two differ for some x), the rounding is half to even
/// (<c>nearbyint</c>), and the sum is a float32 sum. NaN, ±∞ and any x whose q reaches ±2⁶³ go to
/// <c>quantMin</c> whatever their sign, as PyTorch's int64 cast does on x86. The backward is the straight-through
/// estimator: the output gradient passes where <c>quantMin ≤ q ≤ quantMax</c> (before clamping) and is multiplied by
/// zero elsewhere. Ranges are limited to 16 bits, so every level is exact in float32.
/// </remarks>
public static class FakeQuant
{
    /// <summary>Fake-quantises every element with one scale and zero point.</summary>
    /// <param name="x">The input, any shape.</param>
    /// <param name="scale">The step between levels: finite and positive.</param>
    /// <param name="zeroPoint">The level that stands for 0, within [<paramref name="quantMin"/>, <paramref name="quantMax"/>].</param>
    /// <param name="quantMin">The lowest level (e.g. 0 for uint8, −128 for int8).</param>
    /// <param name="quantMax">The highest level, above <paramref name="quantMin"/>; at most 2¹⁶ levels within −32,768 … 65,535.</param>
    /// <returns>The fake-quantised tensor, same shape.</returns>
    /// <exception cref="ArgumentException">A scale, zero point or range outside the limits above.</exception>
    public static Tensor FakeQuantizePerTensorAffine(Tensor x, float scale, int zeroPoint, int quantMin, int quantMax)
    {
        ArgumentNullException.ThrowIfNull(x);
        QuantArguments.Require(quantMin, quantMax);
        QuantArguments.RequireScale(scale, nameof(scale));
        QuantArguments.RequireZeroPoint(zeroPoint, quantMin, quantMax, nameof(zeroPoint));
        var xd = x.Data;
        var y = TensorMemory.Output(xd.Length);
        KernelThreads.ForRanges(xd.Length, 1, (start, n) =>
            FakeQuantKernel.Forward(xd.AsSpan(start, n), y.AsSpan(start, n), scale, zeroPoint, quantMin, quantMax));
        return Tensor.FromOp(y, x.Shape, o =>
        {
            float[] gy = o.Grad!, gx = x.GradTarget(out bool fresh);
            KernelThreads.ForRanges(xd.Length, 1, (start, n) => FakeQuantKernel.Backward(
                xd.AsSpan(start, n), gy.AsSpan(start, n), gx.AsSpan(start, n), scale, zeroPoint, quantMin, quantMax, !fresh));
        }, x);
    }

    /// <summary>
    /// Fake-quantises each slice along <paramref name="axis"/> with its own scale and zero point (e.g. one per output
    /// channel of a weight, axis 0).
    /// </summary>
    /// <param name="x">The input, rank at least 1.</param>
    /// <param name="scales">One scale per index of <paramref name="axis"/>, each finite and positive (copied).</param>
    /// <param name="zeroPoints">One zero point per index of <paramref name="axis"/>, each within the range (copied).</param>
    /// <param name="axis">The channel dimension, 0 ≤ axis &lt; rank.</param>
    /// <param name="quantMin">The lowest level.</param>
    /// <param name="quantMax">The highest level, above <paramref name="quantMin"/>; at most 2¹⁶ levels within −32,768 … 65,535.</param>
    /// <returns>The fake-quantised tensor, same shape.</returns>
    /// <exception cref="ArgumentException">
    /// The axis is out of range, the scales or zero points do not have one entry per channel, or a scale, zero point
    /// or range is outside the limits above.
    /// </exception>
    public static Tensor FakeQuantizePerChannelAffine(Tensor x, float[] scales, int[] zeroPoints, int axis, int quantMin, int quantMax)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(scales);
        ArgumentNullException.ThrowIfNull(zeroPoints);
        QuantArguments.Require(quantMin, quantMax);
        if (axis < 0 || axis >= x.Rank)
        {
            throw new ArgumentException($"Axis {axis} is outside the {x.Rank} dimensions of {Shapes.Format(x.ShapeSpan)}.", nameof(axis));
        }

        int channels = x.Dim(axis);
        if (scales.Length != channels || zeroPoints.Length != channels)
        {
            throw new ArgumentException(
                $"Dimension {axis} of {Shapes.Format(x.ShapeSpan)} has {channels} channels, but there are {scales.Length} scales and {zeroPoints.Length} zero points.",
                scales.Length != channels ? nameof(scales) : nameof(zeroPoints));
        }

        var s = (float[])scales.Clone();
        var z = (int[])zeroPoints.Clone();
        for (int c = 0; c < channels; c++)
        {
            QuantArguments.RequireScale(s[c], nameof(scales));
            QuantArguments.RequireZeroPoint(z[c], quantMin, quantMax, nameof(zeroPoints));
        }

        int inner = Shapes.Numel(x.ShapeSpan[(axis + 1)..]);
        int blocks = inner == 0 ? 0 : x.Length / inner;
        var xd = x.Data;
        var y = TensorMemory.Output(xd.Length);
        KernelThreads.ForRanges(blocks, inner, (start, n) =>
        {
            for (int b = start; b < start + n; b++)
            {
                int c = b % channels;
                FakeQuantKernel.Forward(xd.AsSpan(b * inner, inner), y.AsSpan(b * inner, inner), s[c], z[c], quantMin, quantMax);
            }
        });
        return Tensor.FromOp(y, x.Shape, o =>
        {
            float[] gy = o.Grad!, gx = x.GradTarget(out bool fresh);
            KernelThreads.ForRanges(blocks, inner, (start, n) =>
            {
                for (int b = start; b < start + n; b++)
                {
                    int c = b % channels;
                    FakeQuantKernel.Backward(xd.AsSpan(b * inner, inner), gy.AsSpan(b * inner, inner), gx.AsSpan(b * inner, inner),
                        s[c], z[c], quantMin, quantMax, !fresh);
                }
            });
        }, x);
    }
}
