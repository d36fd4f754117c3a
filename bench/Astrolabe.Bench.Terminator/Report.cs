using System.Globalization;

/// <summary>
/// The tables of RESULTS.md from the raw lines of <c>run</c>. Per run (problem, seed): the best value bₜ after trial t;
/// the progress pₜ = (m − bₜ) / (m − b_final), m the median value of the first 10 trials (a typical random trial) and
/// b_final the best after all trials; L, the last trial whose improvement of the best was more than 1% of the run's
/// total (pₜ − pₜ₋₁ &gt; 0.01); W, the first trial within 5% of the final best (pₜ ≥ 0.95); S, the first trial at
/// which improvement &lt; error (the terminator would stop there), none when it never would.
/// A run meets the target when S is within 20% of L (|S − L| ≤ 0.2 L) and S ≥ W.
/// </summary>
internal static class Report
{
    private static readonly Dictionary<string, string> Titles = new()
    {
        ["rb"] = "RegretBoundEvaluator + MedianErrorEvaluator",
        ["emmr"] = "EMMREvaluator + MedianErrorEvaluator",
        ["stagnation"] = "BestValueStagnationEvaluator() (Optuna's: 30 trials) + StaticErrorEvaluator(0)",
    };

    public static void Print(string path, int maxTrials)
    {
        var runs = Lines(path)
            .Select(line => line.Split(' '))
            .GroupBy(f => (Problem: f[0], Seed: int.Parse(f[1], CultureInfo.InvariantCulture)))
            .ToDictionary(g => g.Key, g => g.OrderBy(f => int.Parse(f[2], CultureInfo.InvariantCulture)).ToList());
        var first = runs.Values.First()[0];
        for (int column = 4; column + 2 < first.Length; column += 3)
        {
            string name = first[column];
            Console.WriteLine($"### {(Titles.TryGetValue(name, out string? title) ? title : name)}");
            Console.WriteLine();
            Console.WriteLine("| problem | runs | S median (min–max) | never stops | L median (min–max) | within 20% of L | S before W | W median |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|");
            int allRuns = 0, allWithin = 0, allEarly = 0;
            foreach (var problem in runs.Keys.Select(k => k.Problem).Distinct())
            {
                var stats = runs.Where(r => r.Key.Problem == problem && r.Value.Count == maxTrials).Select(r => Analyse(r.Value, column, maxTrials)).ToList();
                var stops = stats.Where(s => s.S is not null).Select(s => s.S!.Value).ToList();
                int within = stats.Count(s => s.S is { } stop && Math.Abs(stop - s.L) <= 0.2 * s.L);
                int early = stats.Count(s => s.S is { } stop && stop < s.W);
                allRuns += stats.Count;
                allWithin += within;
                allEarly += early;
                Console.WriteLine($"| {problem} | {stats.Count} | {Summary(stops)} | {stats.Count - stops.Count} | {Summary([.. stats.Select(s => s.L)])} | {within} | {early} | {Median([.. stats.Select(s => s.W)])} |");
            }

            Console.WriteLine();
            Console.WriteLine($"All problems: {allWithin} of {allRuns} runs stop within 20% of L; {allEarly} stop before W.");
            Console.WriteLine();
        }

        PrintStalls(runs, maxTrials);
    }

    /// <summary>
    /// Runs whose best value, before the run first got within 5% of its final best (W), stood still after some trial
    /// s ≥ 20 for more than 0.2 s trials and then improved: a rule that looks only at the best-value history and would
    /// stop within 20% of L must give up after at most about that long, so it stops such a run before W.
    /// </summary>
    private static void PrintStalls(Dictionary<(string Problem, int Seed), List<string[]>> runs, int maxTrials)
    {
        Console.WriteLine("### Runs that stall for more than 20% of their length before getting within 5% of their final best");
        Console.WriteLine();
        Console.WriteLine("| problem | runs | with such a stall |");
        Console.WriteLine("|---|---|---|");
        int all = 0, stalled = 0;
        foreach (var problem in runs.Keys.Select(k => k.Problem).Distinct())
        {
            var mine = runs.Where(r => r.Key.Problem == problem && r.Value.Count == maxTrials).Select(r => r.Value).ToList();
            int count = mine.Count(lines =>
            {
                var (_, _, w) = Analyse(lines, -1, maxTrials);
                double best = double.PositiveInfinity;
                int last = 1;
                for (int t = 1; t <= w; t++)
                {
                    double value = Parse(lines[t - 1][3]);
                    if (value < best)
                    {
                        if (t > 20 && t - last > 0.2 * last && last >= 20)
                        {
                            return true;
                        }

                        best = value;
                        last = t;
                    }
                }

                return false;
            });
            all += mine.Count;
            stalled += count;
            Console.WriteLine($"| {problem} | {mine.Count} | {count} |");
        }

        Console.WriteLine();
        Console.WriteLine($"All problems: {stalled} of {all} runs.");
        Console.WriteLine();
    }

    /// <summary>The lines of a raw file, gzipped (.gz, as committed) or not.</summary>
    private static IEnumerable<string> Lines(string path)
    {
        if (!path.EndsWith(".gz", StringComparison.Ordinal))
        {
            foreach (string line in File.ReadLines(path))
            {
                yield return line;
            }

            yield break;
        }

        using var reader = new StreamReader(new System.IO.Compression.GZipStream(File.OpenRead(path), System.IO.Compression.CompressionMode.Decompress));
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }

    private static (int? S, int L, int W) Analyse(List<string[]> lines, int column, int maxTrials)
    {
        var values = lines.Select(f => Parse(f[3])).ToArray();
        var best = new double[values.Length];
        for (int t = 0; t < values.Length; t++)
        {
            best[t] = t == 0 ? values[0] : Math.Min(best[t - 1], values[t]);
        }

        double m = Median(values.Take(10).ToList());
        double total = m - best[^1];
        double Progress(int t) => total > 0 ? (m - best[t]) / total : 1;
        int last = 1, within = 1;
        for (int t = 1; t < values.Length; t++)
        {
            if (Progress(t) - Progress(t - 1) > 0.01)
            {
                last = t + 1;
            }
        }

        while (within < maxTrials && Progress(within - 1) < 0.95)
        {
            within++;
        }

        int? stop = null;
        for (int t = 0; column >= 0 && t < lines.Count && stop is null; t++)
        {
            double improvement = Parse(lines[t][column + 1]), error = Parse(lines[t][column + 2]);
            if (!double.IsNaN(improvement) && improvement < error)
            {
                stop = t + 1;
            }
        }

        return (stop, last, within);
    }

    private static double Parse(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    private static string Summary(List<int> xs) => xs.Count == 0 ? "–" : $"{Median(xs)} ({xs.Min()}–{xs.Max()})";

    private static int Median(List<int> xs) => xs.Order().ElementAt(xs.Count / 2);

    private static double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);
}
