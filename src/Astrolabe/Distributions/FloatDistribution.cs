using System.Globalization;

namespace Astrolabe;

/// <summary>
/// Real numbers in [<see cref="Low"/>, <see cref="High"/>], optionally on a log scale or on a grid of
/// <see cref="Step"/> starting at <see cref="Low"/>. Log and step are mutually exclusive; a log scale needs
/// Low &gt; 0; a step must divide High − Low.
/// </summary>
public sealed record FloatDistribution : Distribution
{
    /// <summary>Creates the space and validates it; every violation throws <see cref="ArgumentException"/> naming the bound.</summary>
    public FloatDistribution(double low, double high, bool log = false, double? step = null)
    {
        if (!double.IsFinite(low) || !double.IsFinite(high))
        {
            throw new ArgumentException($"The bounds of a float distribution must be finite, got low={F(low)}, high={F(high)}.");
        }

        if (low > high)
        {
            throw new ArgumentException($"The low bound must be less than or equal to the high bound, got low={F(low)} > high={F(high)}.");
        }

        if (log && step is not null)
        {
            throw new ArgumentException("A float distribution cannot be both on a log scale and stepped: pass either log or step.");
        }

        if (log && low <= 0)
        {
            throw new ArgumentException($"A log-scale distribution needs low > 0, got low={F(low)}.");
        }

        if (step is { } s)
        {
            if (!double.IsFinite(s) || s <= 0)
            {
                throw new ArgumentException($"The step must be a positive finite number, got step={F(s)}.");
            }

            double n = (high - low) / s;
            if (Math.Abs(n - Math.Round(n)) > 1e-8 * Math.Max(1, Math.Abs(n)))
            {
                throw new ArgumentException($"The step {F(s)} does not divide the range [{F(low)}, {F(high)}] (width {F(high - low)}).");
            }
        }

        Low = low;
        High = high;
        Log = log;
        Step = step;
    }

    /// <summary>The smallest value of the space.</summary>
    public double Low { get; }

    /// <summary>The largest value of the space.</summary>
    public double High { get; }

    /// <summary>True when values are spread evenly on a logarithmic scale.</summary>
    public bool Log { get; }

    /// <summary>The grid spacing from <see cref="Low"/>, or null for a continuous space.</summary>
    public double? Step { get; }

    /// <inheritdoc />
    internal override double SingleValue => Low;

    /// <inheritdoc />
    public override bool IsSingle => Low == High;

    /// <inheritdoc />
    public override double ToInternal(object? external) => external switch
    {
        double d => d,
        float f => f,
        int i => i,
        long l => l,
        decimal m => (double)m,
        _ => throw new ArgumentException($"A float distribution takes a number, got {external ?? "null"}."),
    };

    /// <inheritdoc />
    public override object? ToExternal(double internalValue) => internalValue;

    /// <inheritdoc />
    public override bool Contains(double internalValue)
    {
        if (!(internalValue >= Low && internalValue <= High))
        {
            return false;
        }

        if (Step is not { } s)
        {
            return true;
        }

        double k = (internalValue - Low) / s;
        return Math.Abs(k - Math.Round(k)) < 1e-8 * Math.Max(1, Math.Abs(k));
    }

    /// <summary>Snaps a value to the nearest grid point (when stepped) and clips it into the bounds.</summary>
    public double Snap(double value)
    {
        if (Step is { } s)
        {
            value = Low + (Math.Round((value - Low) / s) * s);
        }

        return Math.Clamp(value, Low, High);
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"FloatDistribution(low={F(Low)}, high={F(High)}, log={Log.ToString().ToLowerInvariant()}, step={(Step is { } s ? F(s) : "null")})";

    private static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
