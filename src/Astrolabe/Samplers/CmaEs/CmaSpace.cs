namespace Astrolabe;

/// <summary>
/// The search space as CMA-ES sees it: every numeric parameter, ordered by name, mapped onto [0, 1]
/// (log-scaled ones in log space). Integer and stepped parameters span their cells (half a step beyond each
/// end) and are rounded when mapped back, unless margin is on: then they keep exact end points and report a
/// step, and CMA with margin encodes them onto the grid itself.
/// </summary>
internal sealed class CmaSpace
{
    private readonly Distribution[] distributions;
    private readonly double[] low;
    private readonly double[] width;

    public CmaSpace(IReadOnlyDictionary<string, Distribution> space, bool withMargin)
    {
        Names = [.. space.Keys.Order(StringComparer.Ordinal)];
        distributions = [.. Names.Select(n => space[n])];
        int n = Names.Length;
        low = new double[n];
        width = new double[n];
        Steps = new double[n];
        for (int i = 0; i < n; i++)
        {
            var (lo, hi, step) = Bounds(distributions[i], withMargin);
            low[i] = lo;
            width[i] = hi - lo;
            Steps[i] = step / width[i];
        }
    }

    public string[] Names { get; }

    public int Dim => Names.Length;

    /// <summary>Per dimension, the grid step in [0, 1] units for margin-encoded parameters, otherwise 0.</summary>
    public double[] Steps { get; }

    /// <summary>Maps a point of [0, 1]^n to the parameters' internal values.</summary>
    public Dictionary<string, double> ToInternal(ReadOnlySpan<double> u)
    {
        var result = new Dictionary<string, double>(Dim);
        for (int i = 0; i < Dim; i++)
        {
            double t = low[i] + (Math.Clamp(u[i], 0, 1) * width[i]);
            result[Names[i]] = distributions[i] switch
            {
                FloatDistribution { Log: true } f => Math.Clamp(Math.Exp(t), f.Low, f.High),
                FloatDistribution f => f.Snap(t),
                IntDistribution { Log: true } d => d.Snap(Math.Exp(t)),
                IntDistribution d => d.Snap(t),
                var other => throw new ArgumentException($"CMA-ES cannot map parameter '{Names[i]}' with {other}."),
            };
        }

        return result;
    }

    /// <summary>Maps internal values (every name of the space must be present) to [0, 1]^n; null when one is missing.</summary>
    public double[]? ToUnit(IReadOnlyDictionary<string, double> internalParams)
    {
        var u = new double[Dim];
        for (int i = 0; i < Dim; i++)
        {
            if (!internalParams.TryGetValue(Names[i], out double v))
            {
                return null;
            }

            bool log = distributions[i] is FloatDistribution { Log: true } or IntDistribution { Log: true };
            u[i] = Math.Clamp(((log ? Math.Log(v) : v) - low[i]) / width[i], 0, 1);
        }

        return u;
    }

    private static (double Low, double High, double Step) Bounds(Distribution distribution, bool withMargin) => distribution switch
    {
        FloatDistribution { Log: true } f => (Math.Log(f.Low), Math.Log(f.High), 0),
        FloatDistribution { Step: { } s } f when withMargin => (f.Low, f.High, s),
        FloatDistribution { Step: { } s } f => (f.Low - (s / 2), f.High + (s / 2), 0),
        FloatDistribution f => (f.Low, f.High, 0),
        IntDistribution { Log: true } d => (Math.Log(d.Low - 0.5), Math.Log(d.High + 0.5), 0),
        IntDistribution d when withMargin => (d.Low, d.High, d.Step),
        IntDistribution d => (d.Low - (d.Step / 2.0), d.High + (d.Step / 2.0), 0),
        _ => throw new ArgumentException($"CMA-ES samples numeric parameters only, not {distribution}."),
    };
}
