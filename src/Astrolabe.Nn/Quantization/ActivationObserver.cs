namespace Astrolabe.Nn;

/// <summary>
/// Watches the values of one activation during calibration and proposes its quantisation range. The min/max observer
/// keeps the extremes; the histogram observer keeps 4,096 bins over [−R, R], doubling R (and merging bin pairs) when a
/// value falls outside, and clips at a percentile. Non-finite values are refused at once: a range cannot be built on them.
/// </summary>
internal sealed class ActivationObserver(CalibrationMethod method, double percentile)
{
    private const int Bins = 4096;
    private long[]? _counts;
    private float _radius;

    /// <summary>The smallest value seen.</summary>
    public float Min { get; private set; } = float.PositiveInfinity;

    /// <summary>The largest value seen.</summary>
    public float Max { get; private set; } = float.NegativeInfinity;

    /// <summary>Values seen.</summary>
    public long Count { get; private set; }

    /// <summary>Takes in a batch of values.</summary>
    /// <param name="values">The values.</param>
    /// <param name="where">The activation's place, for the error message.</param>
    public void Observe(ReadOnlySpan<float> values, string where)
    {
        float min = Min, max = Max;
        foreach (float v in values)
        {
            if (!float.IsFinite(v))
            {
                throw new ArgumentException($"Calibration produced a non-finite value ({v}) at {where}: check the calibration data and the model's weights for NaN or infinity.");
            }

            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        Min = min;
        Max = max;
        Count += values.Length;
        if (method == CalibrationMethod.Histogram)
        {
            AddToHistogram(values);
        }
    }

    /// <summary>The quantisation range for <paramref name="bits"/>-bit unsigned activations.</summary>
    public QuantRange Range(int bits, string where)
    {
        if (Count == 0)
        {
            throw new InvalidOperationException($"Calibration saw no values at {where}.");
        }

        if (method == CalibrationMethod.MinMax || _counts is null)
        {
            return QuantRange.Activation(Min, Max, bits);
        }

        double tail = (1 - (percentile / 100)) * Count;
        return QuantRange.Activation(Math.Max(Min, Edge(tail, fromTop: false)), Math.Min(Max, Edge(tail, fromTop: true)), bits);
    }

    private void AddToHistogram(ReadOnlySpan<float> values)
    {
        float largest = Math.Max(Math.Abs(Min), Math.Abs(Max));
        if (_counts is null)
        {
            _counts = new long[Bins];
            _radius = largest > 0 ? MathF.Pow(2, MathF.Ceiling(MathF.Log2(largest))) : 1f;
        }

        while (largest > _radius)
        {
            // Bin i of [−R, R] lies inside bin (Bins/2 + i)/2 of [−2R, 2R]: the edges line up exactly.
            var merged = new long[Bins];
            for (int i = 0; i < Bins; i++)
            {
                merged[(Bins / 2 + i) / 2] += _counts[i];
            }

            _counts = merged;
            _radius *= 2;
        }

        float perBin = Bins / (2 * _radius);
        foreach (float v in values)
        {
            _counts[Math.Clamp((int)((v + _radius) * perBin), 0, Bins - 1)]++;
        }
    }

    /// <summary>The value below which (or above which, from the top) <paramref name="tail"/> of the counts lie: a bin edge.</summary>
    private float Edge(double tail, bool fromTop)
    {
        var counts = _counts!;
        float width = 2 * _radius / Bins;
        double seen = 0;
        for (int k = 0; k < Bins; k++)
        {
            int i = fromTop ? Bins - 1 - k : k;
            seen += counts[i];
            if (seen > tail)
            {
                return fromTop ? -_radius + ((i + 1) * width) : -_radius + (i * width);
            }
        }

        return fromTop ? _radius : -_radius;
    }
}
