using System.Numerics.Tensors;

namespace Astrolabe.Nn;

/// <summary>
/// The running range of PyTorch's <c>MovingAverageMinMaxObserver</c> (one channel) and
/// <c>MovingAveragePerChannelMinMaxObserver</c>: the first observation is taken as is, later ones move the range by
/// <c>min += c · (batchMin − min)</c> in float32. Observing an empty tensor changes nothing.
/// </summary>
internal sealed class MovingAverageMinMax
{
    private readonly float _averagingConstant;
    private readonly int _axis;

    /// <param name="channels">1 per tensor, else the size of <paramref name="axis"/>.</param>
    /// <param name="axis">The channel dimension, or −1 for one range over the whole tensor.</param>
    /// <param name="averagingConstant">c, in (0, 1].</param>
    public MovingAverageMinMax(int channels, int axis, float averagingConstant)
    {
        _axis = axis;
        _averagingConstant = averagingConstant;
        Min = new float[channels];
        Max = new float[channels];
        Array.Fill(Min, float.PositiveInfinity);
        Array.Fill(Max, float.NegativeInfinity);
    }

    /// <summary>The running minimum per channel (+∞ before the first observation); a checkpoint buffer.</summary>
    public float[] Min { get; }

    /// <summary>The running maximum per channel (−∞ before the first observation); a checkpoint buffer.</summary>
    public float[] Max { get; }

    /// <summary>Whether nothing has been observed (every range still +∞ … −∞).</summary>
    public bool IsEmpty
    {
        get
        {
            for (int c = 0; c < Min.Length; c++)
            {
                if (Min[c] != float.PositiveInfinity || Max[c] != float.NegativeInfinity)
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>Folds <paramref name="x"/>'s range (per channel along the axis) into the running range.</summary>
    public void Observe(Tensor x)
    {
        if (x.Length == 0)
        {
            return;
        }

        bool first = IsEmpty;
        if (_axis < 0)
        {
            Update(0, TensorPrimitives.Min<float>(x.Data), TensorPrimitives.Max<float>(x.Data), first);
            return;
        }

        int channels = Min.Length;
        int inner = Shapes.Numel(x.ShapeSpan[(_axis + 1)..]);
        var lo = new float[channels];
        var hi = new float[channels];
        Array.Fill(lo, float.PositiveInfinity);
        Array.Fill(hi, float.NegativeInfinity);
        for (int b = 0, blocks = x.Length / inner; b < blocks; b++)
        {
            int c = b % channels;
            var span = x.Data.AsSpan(b * inner, inner);
            lo[c] = MathF.Min(lo[c], TensorPrimitives.Min<float>(span));
            hi[c] = MathF.Max(hi[c], TensorPrimitives.Max<float>(span));
        }

        for (int c = 0; c < channels; c++)
        {
            Update(c, lo[c], hi[c], first);
        }
    }

    private void Update(int c, float batchMin, float batchMax, bool first)
    {
        if (first)
        {
            Min[c] = batchMin;
            Max[c] = batchMax;
        }
        else
        {
            Min[c] += _averagingConstant * (batchMin - Min[c]);
            Max[c] += _averagingConstant * (batchMax - Max[c]);
        }
    }
}
