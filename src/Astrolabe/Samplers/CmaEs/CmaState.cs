using System.Globalization;

namespace Astrolabe;

/// <summary>
/// Everything an evolution needs to continue: the distribution (mean, step size, covariance), the evolution
/// paths, the generation, the margin and learning-rate adaptation state, and the restart bookkeeping. It
/// round-trips through a study system attribute (JSON-compatible lists and numbers), which is what lets a
/// resumed study, or another process, continue the same evolution.
/// </summary>
internal sealed class CmaState
{
    public required string[] Names { get; init; }

    public required bool Separable { get; init; }

    public required int Popsize { get; init; }

    public required double[] Mean { get; init; }

    public required double Sigma { get; set; }

    /// <summary>The initial step size of this run (the tolerance on x scales with it).</summary>
    public required double Sigma0 { get; init; }

    /// <summary>The covariance: n×n row-major, or its diagonal for the separable variant.</summary>
    public required double[] C { get; set; }

    public required long Seed { get; init; }

    public double[] Ps { get; init; } = [];

    public double[] Pc { get; init; } = [];

    public int Generation { get; set; }

    public int Restart { get; init; }

    public double[] FunHist { get; init; } = [];

    /// <summary>The margin's per-dimension scaling A (null without margin).</summary>
    public double[]? MarginA { get; init; }

    /// <summary>Learning-rate adaptation: null when disabled, otherwise [ηm, ηΣ, Vm, VΣ].</summary>
    public double[]? LrScalars { get; init; }

    public double[]? LrEMean { get; init; }

    public double[]? LrESigma { get; init; }

    /// <summary>Evaluations spent in large- and small-population runs so far, and how many large runs there were (BIPOP).</summary>
    public long BudgetLarge { get; init; }

    public long BudgetSmall { get; init; }

    public int LargeRuns { get; init; }

    /// <summary>Whether this run is a BIPOP small-population run.</summary>
    public bool Small { get; init; }

    public int Dim => Mean.Length;

    /// <summary>The length of the objective-value history used by the flat-fitness stop test.</summary>
    public static int FunHistTerm(int dim, int popsize) => 10 + (int)Math.Ceiling(30.0 * dim / popsize);

    /// <summary>A fresh run at <paramref name="mean"/> with step size <paramref name="sigma"/> and covariance <paramref name="cov"/> (identity when null).</summary>
    public static CmaState Start(string[] names, bool separable, int popsize, double[] mean, double sigma, double[]? cov, long seed, bool margin, bool lrAdapt,
        int restart = 0, long budgetLarge = 0, long budgetSmall = 0, int largeRuns = 0, bool small = false)
    {
        int n = mean.Length;
        double[] c;
        if (separable)
        {
            c = cov is null ? Enumerable.Repeat(1.0, n).ToArray() : Enumerable.Range(0, n).Select(i => cov[(i * n) + i]).ToArray();
        }
        else
        {
            c = cov ?? new double[n * n];
            if (cov is null)
            {
                for (int i = 0; i < n; i++)
                {
                    c[(i * n) + i] = 1;
                }
            }
        }

        return new CmaState
        {
            Names = names, Separable = separable, Popsize = popsize, Mean = mean, Sigma = sigma, Sigma0 = sigma, C = c, Seed = seed,
            Ps = new double[n], Pc = new double[n], FunHist = new double[2 * FunHistTerm(n, popsize)],
            MarginA = margin ? Enumerable.Repeat(1.0, n).ToArray() : null,
            LrScalars = lrAdapt ? [1.0, 1.0, 0.0, 0.0] : null,
            LrEMean = lrAdapt ? new double[n] : null,
            LrESigma = lrAdapt ? new double[n * n] : null,
            Restart = restart, BudgetLarge = budgetLarge, BudgetSmall = budgetSmall, LargeRuns = largeRuns, Small = small,
        };
    }

    /// <summary>The state as a JSON-compatible dictionary (fresh arrays, so later updates do not alias it).</summary>
    public Dictionary<string, object?> ToAttr() => new()
    {
        ["names"] = Names.ToList(),
        ["separable"] = Separable,
        ["popsize"] = Popsize,
        ["generation"] = Generation,
        ["restart"] = Restart,
        ["seed"] = Seed,
        ["mean"] = Mean.ToList(),
        ["sigma"] = Sigma,
        ["sigma0"] = Sigma0,
        ["c"] = C.ToList(),
        ["ps"] = Ps.ToList(),
        ["pc"] = Pc.ToList(),
        ["funhist"] = FunHist.ToList(),
        ["margin_a"] = MarginA?.ToList(),
        ["lr_scalars"] = LrScalars?.ToList(),
        ["lr_emean"] = LrEMean?.ToList(),
        ["lr_esigma"] = LrESigma?.ToList(),
        ["budget_large"] = BudgetLarge,
        ["budget_small"] = BudgetSmall,
        ["large_runs"] = LargeRuns,
        ["small"] = Small,
    };

    /// <summary>Reads a state written by <see cref="ToAttr"/>; throws <see cref="FormatException"/> for anything else.</summary>
    public static CmaState FromAttr(object? attr)
    {
        if (attr is not IReadOnlyDictionary<string, object?> d)
        {
            throw new FormatException("The stored CMA-ES state is not a dictionary.");
        }

        return new CmaState
        {
            Names = List(d, "names").Select(o => Convert.ToString(o, CultureInfo.InvariantCulture) ?? "").ToArray(),
            Separable = d["separable"] is true,
            Popsize = (int)Long(d, "popsize"),
            Generation = (int)Long(d, "generation"),
            Restart = (int)Long(d, "restart"),
            Seed = Long(d, "seed"),
            Mean = Doubles(d, "mean")!,
            Sigma = Double(d["sigma"]),
            Sigma0 = Double(d["sigma0"]),
            C = Doubles(d, "c")!,
            Ps = Doubles(d, "ps")!,
            Pc = Doubles(d, "pc")!,
            FunHist = Doubles(d, "funhist")!,
            MarginA = Doubles(d, "margin_a"),
            LrScalars = Doubles(d, "lr_scalars"),
            LrEMean = Doubles(d, "lr_emean"),
            LrESigma = Doubles(d, "lr_esigma"),
            BudgetLarge = Long(d, "budget_large"),
            BudgetSmall = Long(d, "budget_small"),
            LargeRuns = (int)Long(d, "large_runs"),
            Small = d.TryGetValue("small", out var small) && small is true,
        };
    }

    /// <summary>The (restart, generation) stamp of a stored state, without parsing the rest.</summary>
    public static (long Restart, long Generation)? Stamp(object? attr) =>
        attr is IReadOnlyDictionary<string, object?> d ? (Long(d, "restart"), Long(d, "generation")) : null;

    private static IEnumerable<object?> List(IReadOnlyDictionary<string, object?> d, string key) =>
        d.TryGetValue(key, out var v) && v is System.Collections.IEnumerable e && v is not string
            ? e.Cast<object?>()
            : throw new FormatException($"The stored CMA-ES state lacks '{key}'.");

    private static double[]? Doubles(IReadOnlyDictionary<string, object?> d, string key) =>
        d.TryGetValue(key, out var v) && v is not null ? List(d, key).Select(Double).ToArray() : null;

    private static long Long(IReadOnlyDictionary<string, object?> d, string key) =>
        d.TryGetValue(key, out var v) && v is not null ? Convert.ToInt64(v, CultureInfo.InvariantCulture) : 0;

    private static double Double(object? v) => v switch
    {
        string s => double.Parse(s, CultureInfo.InvariantCulture),
        _ => Convert.ToDouble(v, CultureInfo.InvariantCulture),
    };
}
