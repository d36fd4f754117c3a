namespace Astrolabe;

/// <summary>
/// The search space as the Gaussian process sees it, parameters ordered by name: a numeric parameter maps onto
/// [0, 1] (log-scaled ones in log space; integer and stepped ones span their cells, half a step beyond each end, as
/// Optuna's GPSampler normalises them), a categorical one is its category index (compared by Hamming distance).
/// Integer and stepped parameters with at most <see cref="MaxDiscreteChoices"/> values are searched over their
/// grid (<see cref="Choices"/>); larger ones as continuous, rounded at the end.
/// </summary>
internal sealed class GpSpace
{
    /// <summary>The most grid values a discrete parameter may have to be searched value by value.</summary>
    public const int MaxDiscreteChoices = 256;

    private readonly Distribution[] distributions;
    private readonly double[] low;
    private readonly double[] width;

    public GpSpace(IReadOnlyDictionary<string, Distribution> space)
    {
        Names = [.. space.Keys.Order(StringComparer.Ordinal)];
        distributions = [.. Names.Select(n => space[n])];
        int d = Names.Length;
        low = new double[d];
        width = new double[d];
        Categorical = new bool[d];
        Choices = new double[]?[d];
        for (int i = 0; i < d; i++)
        {
            switch (distributions[i])
            {
                case CategoricalDistribution c:
                    Categorical[i] = true;
                    Choices[i] = [.. Enumerable.Range(0, c.Choices.Count).Select(k => (double)k)];
                    break;
                case FloatDistribution f:
                    (low[i], width[i]) = Span(f.Low, f.High, f.Step ?? 0, f.Log);
                    if (f.Step is { } step && ((f.High - f.Low) / step) + 1 <= MaxDiscreteChoices)
                    {
                        Choices[i] = Grid(i, Math.Round((f.High - f.Low) / step) + 1, k => f.Low + (k * step));
                    }

                    break;
                case IntDistribution n:
                    (low[i], width[i]) = Span(n.Low, n.High, n.Step, n.Log);
                    if (n.Count <= MaxDiscreteChoices)
                    {
                        Choices[i] = Grid(i, n.Count, k => n.Low + (k * n.Step));
                    }

                    break;
                default:
                    throw new ArgumentException($"The GP sampler cannot map parameter '{Names[i]}' with {distributions[i]}.");
            }
        }
    }

    /// <summary>The parameter names, in dimension order.</summary>
    public string[] Names { get; }

    /// <summary>d.</summary>
    public int Dimensions => Names.Length;

    /// <summary>Which dimensions are categorical.</summary>
    public bool[] Categorical { get; }

    /// <summary>Per dimension, the normalised values it can take when searched value by value (categorical and small discrete ones), else null.</summary>
    public double[]?[] Choices { get; }

    /// <summary>Maps internal values to the GP's coordinates; null when one of the names is missing.</summary>
    public double[]? Normalize(IReadOnlyDictionary<string, double> internalParams)
    {
        var u = new double[Dimensions];
        for (int i = 0; i < Dimensions; i++)
        {
            if (!internalParams.TryGetValue(Names[i], out double v))
            {
                return null;
            }

            u[i] = Categorical[i] ? v : ToUnit(i, v);
        }

        return u;
    }

    /// <summary>Maps GP coordinates back to internal values inside each distribution.</summary>
    public Dictionary<string, double> Denormalize(ReadOnlySpan<double> u)
    {
        var result = new Dictionary<string, double>(Dimensions);
        for (int i = 0; i < Dimensions; i++)
        {
            result[Names[i]] = distributions[i] switch
            {
                CategoricalDistribution c => Math.Clamp(Math.Round(u[i]), 0, c.Choices.Count - 1),
                FloatDistribution f => f.Snap(FromUnit(i, u[i], f.Log)),
                IntDistribution n => n.Snap(FromUnit(i, u[i], n.Log)),
                var other => throw new ArgumentException($"The GP sampler cannot map parameter '{Names[i]}' with {other}."),
            };
        }

        return result;
    }

    /// <summary>Rounds a point onto the space: categorical and discrete dimensions to their nearest value.</summary>
    public void Snap(Span<double> u)
    {
        for (int i = 0; i < Dimensions; i++)
        {
            u[i] = Math.Clamp(u[i], 0, Categorical[i] ? Choices[i]!.Length - 1 : 1);
            if (Choices[i] is { } choices)
            {
                u[i] = Nearest(choices, u[i]);
            }
        }
    }

    /// <summary>Maps a point of the unit cube (a quasi-random candidate) onto the space.</summary>
    public void FromCube(Span<double> u)
    {
        for (int i = 0; i < Dimensions; i++)
        {
            if (Categorical[i])
            {
                u[i] = Math.Min(Math.Floor(u[i] * Choices[i]!.Length), Choices[i]!.Length - 1);
            }
        }

        Snap(u);
    }

    private static (double Low, double Width) Span(double lowValue, double highValue, double step, bool log)
    {
        double lo = lowValue - (step / 2), hi = highValue + (step / 2);
        if (log)
        {
            (lo, hi) = (Math.Log(lo), Math.Log(hi));
        }

        return (lo, Math.Max(hi - lo, 1e-300));
    }

    private static double Nearest(double[] sorted, double value)
    {
        int index = Array.BinarySearch(sorted, value);
        if (index >= 0)
        {
            return sorted[index];
        }

        index = ~index;
        if (index == 0)
        {
            return sorted[0];
        }

        if (index == sorted.Length)
        {
            return sorted[^1];
        }

        return value - sorted[index - 1] <= sorted[index] - value ? sorted[index - 1] : sorted[index];
    }

    private double[] Grid(int i, double count, Func<long, double> value)
    {
        bool log = distributions[i] is FloatDistribution { Log: true } or IntDistribution { Log: true };
        var grid = new double[(int)count];
        for (int k = 0; k < grid.Length; k++)
        {
            grid[k] = ToUnit(i, value(k), log);
        }

        return grid;
    }

    private double ToUnit(int i, double v) =>
        ToUnit(i, v, distributions[i] is FloatDistribution { Log: true } or IntDistribution { Log: true });

    private double ToUnit(int i, double v, bool log) => ((log ? Math.Log(v) : v) - low[i]) / width[i];

    private double FromUnit(int i, double u, bool log)
    {
        double t = low[i] + (Math.Clamp(u, 0, 1) * width[i]);
        return log ? Math.Exp(t) : t;
    }
}
