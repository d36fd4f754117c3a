namespace Astrolabe;

/// <summary>
/// The numeric parameters of a joint space in the continuous coordinates crossovers work in (Optuna's
/// <c>_SearchSpaceTransform</c>): log-scaled parameters as their logarithm; the bounds of integer and stepped ones
/// widened by half a step at each end, their coordinates rounded to the grid and clipped when mapped back.
/// </summary>
internal sealed class NsgaSpace
{
    private readonly Distribution[] distributions;

    public NsgaSpace(IEnumerable<KeyValuePair<string, Distribution>> numeric)
    {
        var pairs = numeric.ToArray();
        Names = [.. pairs.Select(p => p.Key)];
        distributions = [.. pairs.Select(p => p.Value)];
        Low = new double[Names.Length];
        High = new double[Names.Length];
        for (int i = 0; i < Names.Length; i++)
        {
            (Low[i], High[i]) = distributions[i] switch
            {
                FloatDistribution { Log: true } f => (Math.Log(f.Low), Math.Log(f.High)),
                FloatDistribution { Step: { } s } f => (f.Low - (0.5 * s), f.High + (0.5 * s)),
                FloatDistribution f => (f.Low, f.High),
                IntDistribution { Log: true } d => (Math.Log(d.Low - (0.5 * d.Step)), Math.Log(d.High + (0.5 * d.Step))),
                IntDistribution d => (d.Low - (0.5 * d.Step), d.High + (0.5 * d.Step)),
                var other => throw new ArgumentException($"Parameter '{Names[i]}' with {other} is not numeric."),
            };
        }
    }

    /// <summary>The parameters, in the space's order.</summary>
    public string[] Names { get; }

    /// <summary>The coordinates' lower bounds.</summary>
    public double[] Low { get; }

    /// <summary>The coordinates' upper bounds.</summary>
    public double[] High { get; }

    /// <summary>The coordinates of a trial's internal values.</summary>
    public double[] Coordinates(IReadOnlyDictionary<string, double> internalParams)
    {
        var x = new double[Names.Length];
        for (int i = 0; i < x.Length; i++)
        {
            double v = internalParams[Names[i]];
            x[i] = distributions[i] is FloatDistribution { Log: true } or IntDistribution { Log: true } ? Math.Log(v) : v;
        }

        return x;
    }

    /// <summary>
    /// The internal values of a child's coordinates, or null when a continuous parameter falls outside its bounds (the
    /// child is then discarded); integer and stepped parameters are rounded to their grid and clipped. With
    /// <paramref name="clip"/>, continuous parameters are clipped too and the result is never null.
    /// </summary>
    public Dictionary<string, double>? ToInternal(double[] x, bool clip)
    {
        var result = new Dictionary<string, double>(Names.Length);
        for (int i = 0; i < x.Length; i++)
        {
            double xi = clip && double.IsNaN(x[i]) ? Low[i] : x[i];
            double value = distributions[i] switch
            {
                FloatDistribution { Log: true } f => Continuous(Math.Exp(xi), f.Low, f.High, clip),
                FloatDistribution { Step: not null } f => f.Snap(xi),
                FloatDistribution f => Continuous(xi, f.Low, f.High, clip),
                IntDistribution { Log: true } d => d.Snap(Math.Exp(xi)),
                IntDistribution d => d.Snap(xi),
                _ => double.NaN,
            };
            if (double.IsNaN(value))
            {
                return null;
            }

            result[Names[i]] = value;
        }

        return result;
    }

    private static double Continuous(double value, double low, double high, bool clip) =>
        clip ? Math.Clamp(value, low, high)
        : value >= low && value <= high ? value : double.NaN;
}
