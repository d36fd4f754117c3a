using System.Globalization;
using System.Text;

namespace Astrolabe.Bench.CmaEs;

/// <summary>
/// Per-problem medians of the best values and a two-sided Mann–Whitney U test with Holm's correction. The
/// test runs twice: on the raw regrets, and on regrets floored at <see cref="Floor"/> (BBOB's final target
/// precision), because below it the regrets measure the floating-point resolution of each side's
/// parameterisation (Astrolabe samples in [0, 1] per parameter, Optuna in the parameters' own units) rather
/// than the search.
/// </summary>
internal static class Compare
{
    public const double Floor = 1e-8;

    public static string Table(string[] ours, string oursVariant, string[] peer, string peerVariant, string[] filters)
    {
        var a = Parse(ours, oursVariant);
        var b = Parse(peer, peerVariant);
        var problems = a.Keys.Intersect(b.Keys).Where(p => filters.Length == 0 || filters.Any(f => p.Contains(f, StringComparison.Ordinal)))
            .OrderBy(p => p, StringComparer.Ordinal).ToList();
        var floored = (Func<List<double>, List<double>>)(v => v.Select(x => Math.Max(x, Floor)).ToList());
        var rawResults = Results(problems, p => a[p], p => b[p]);
        var results = Results(problems, p => floored(a[p]), p => floored(b[p]));
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(inv, $"| problem | seeds | Astrolabe {oursVariant} median regret | Optuna {peerVariant} median regret | Holm p (floored) | result (floored) | result (raw) |");
        sb.AppendLine("|---|---|---|---|---|---|---|");
        for (int i = 0; i < problems.Count; i++)
        {
            var p = problems[i];
            sb.AppendLine(inv, $"| {p} | {a[p].Count}/{b[p].Count} | {Median(a[p]):G4} | {Median(b[p]):G4} | {results[i].P:G3} | {results[i].Result} | {rawResults[i].Result} |");
        }

        sb.AppendLine();
        sb.AppendLine(inv, $"win/tie/loss, Astrolabe {oursVariant} vs Optuna {peerVariant}, α = 0.05 after Holm over {problems.Count} problems: {Count(results)} with regrets floored at {Floor:G1}; {Count(rawResults)} raw");
        return sb.ToString();
    }

    private static string Count(List<(double P, string Result)> results) =>
        $"{results.Count(r => r.Result == "win")}/{results.Count(r => r.Result == "tie")}/{results.Count(r => r.Result == "loss")}";

    private static List<(double P, string Result)> Results(List<string> problems, Func<string, List<double>> a, Func<string, List<double>> b)
    {
        var adjusted = Holm(problems.Select(p => MannWhitneyP(a(p), b(p))).ToList());
        return problems.Select((p, i) => (adjusted[i], adjusted[i] >= 0.05 ? "tie" : MeanRank(a(p), b(p)) < 0 ? "win" : "loss")).ToList();
    }

    private static Dictionary<string, List<double>> Parse(string[] lines, string variant) => lines
        .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        .Where(f => f.Length == 4 && f[1] == variant)
        .GroupBy(f => f[0])
        .ToDictionary(g => g.Key, g => g.Select(f => Math.Max(0, double.Parse(f[3], CultureInfo.InvariantCulture))).ToList());

    private static double Median(List<double> v)
    {
        var s = v.Order().ToList();
        return s.Count % 2 == 1 ? s[s.Count / 2] : (s[(s.Count / 2) - 1] + s[s.Count / 2]) / 2;
    }

    /// <summary>Negative when the first sample tends to be smaller (better).</summary>
    private static double MeanRank(List<double> a, List<double> b)
    {
        var ranks = Ranks(a.Concat(b).ToList());
        return ranks.Take(a.Count).Average() - ranks.Skip(a.Count).Average();
    }

    /// <summary>Two-sided p of the Mann–Whitney U test, normal approximation with tie and continuity corrections.</summary>
    internal static double MannWhitneyP(List<double> a, List<double> b)
    {
        int n1 = a.Count, n2 = b.Count, n = n1 + n2;
        var all = a.Concat(b).ToList();
        var ranks = Ranks(all);
        double u1 = ranks.Take(n1).Sum() - (n1 * (n1 + 1) / 2.0);
        double mu = n1 * n2 / 2.0;
        double tieTerm = all.GroupBy(v => v).Sum(g => Math.Pow(g.Count(), 3) - g.Count());
        double variance = n1 * n2 / 12.0 * ((n + 1) - (tieTerm / (n * (n - 1.0))));
        if (variance <= 0)
        {
            return 1;
        }

        double z = (Math.Abs(u1 - mu) - 0.5) / Math.Sqrt(variance);
        return Math.Min(1, 2 * NormalUpperTail(Math.Max(0, z)));
    }

    internal static List<double> Holm(List<double> p)
    {
        var order = Enumerable.Range(0, p.Count).OrderBy(i => p[i]).ToList();
        var adjusted = new double[p.Count];
        double running = 0;
        for (int k = 0; k < order.Count; k++)
        {
            running = Math.Max(running, Math.Min(1, (p.Count - k) * p[order[k]]));
            adjusted[order[k]] = running;
        }

        return [.. adjusted];
    }

    private static double[] Ranks(List<double> values)
    {
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Count];
        for (int i = 0; i < order.Length;)
        {
            int j = i;
            while (j + 1 < order.Length && values[order[j + 1]] == values[order[i]])
            {
                j++;
            }

            for (int k = i; k <= j; k++)
            {
                ranks[order[k]] = ((i + j) / 2.0) + 1;
            }

            i = j + 1;
        }

        return ranks;
    }

    private static double NormalUpperTail(double z) => 0.5 * Erfc(z / Math.Sqrt(2));

    private static double Erfc(double x)
    {
        // Numerical Recipes' erfcc (fractional error below 1.2e-7), enough for p-values.
        double t = 1 / (1 + (0.5 * Math.Abs(x)));
        double[] c = [-1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587, -0.82215223, 0.17087277];
        double poly = 0;
        for (int k = c.Length - 1; k >= 0; k--)
        {
            poly = (poly * t) + c[k];
        }

        double r = t * Math.Exp((-x * x) + poly);
        return x >= 0 ? r : 2 - r;
    }
}
