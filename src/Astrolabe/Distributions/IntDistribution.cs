namespace Astrolabe;

/// <summary>
/// Integers in [<see cref="Low"/>, <see cref="High"/>] on a grid of <see cref="Step"/>, or on a log scale
/// (then Low ≥ 1 and Step = 1). The step must divide High − Low.
/// </summary>
public sealed record IntDistribution : Distribution
{
    /// <summary>Creates the space and validates it; every violation throws <see cref="ArgumentException"/>.</summary>
    public IntDistribution(long low, long high, bool log = false, long step = 1)
    {
        if (low > high)
        {
            throw new ArgumentException($"The low bound must be less than or equal to the high bound, got low={low} > high={high}.");
        }

        if (step <= 0)
        {
            throw new ArgumentException($"The step must be a positive integer, got step={step}.");
        }

        if (log && step != 1)
        {
            throw new ArgumentException($"An int distribution cannot be both on a log scale and stepped (step={step}): pass either log or step.");
        }

        if (log && low < 1)
        {
            throw new ArgumentException($"A log-scale int distribution needs low >= 1, got low={low}.");
        }

        if ((high - low) % step != 0)
        {
            throw new ArgumentException($"The step {step} does not divide the range [{low}, {high}] (width {high - low}).");
        }

        Low = low;
        High = high;
        Log = log;
        Step = step;
    }

    /// <summary>The smallest value of the space.</summary>
    public long Low { get; }

    /// <summary>The largest value of the space.</summary>
    public long High { get; }

    /// <summary>True when values are spread evenly on a logarithmic scale.</summary>
    public bool Log { get; }

    /// <summary>The grid spacing from <see cref="Low"/>.</summary>
    public long Step { get; }

    /// <summary>How many values the space holds.</summary>
    public long Count => ((High - Low) / Step) + 1;

    /// <inheritdoc />
    internal override double SingleValue => Low;

    /// <inheritdoc />
    public override bool IsSingle => Low == High;

    /// <inheritdoc />
    public override double ToInternal(object? external) => external switch
    {
        int i => i,
        long l => l,
        short s => s,
        double d when d == Math.Floor(d) => d,
        _ => throw new ArgumentException($"An int distribution takes an integer, got {external ?? "null"}."),
    };

    /// <inheritdoc />
    public override object? ToExternal(double internalValue) => (long)Math.Round(internalValue);

    /// <inheritdoc />
    public override bool Contains(double internalValue) =>
        internalValue >= Low && internalValue <= High && internalValue == Math.Floor(internalValue)
        && ((long)internalValue - Low) % Step == 0;

    /// <summary>Rounds a value to the nearest grid point and clips it into the bounds.</summary>
    public double Snap(double value)
    {
        double v = Low + (Math.Round((value - Low) / Step) * Step);
        return Math.Clamp(v, Low, High);
    }

    /// <inheritdoc />
    public override string ToString() => $"IntDistribution(low={Low}, high={High}, log={Log.ToString().ToLowerInvariant()}, step={Step})";
}
