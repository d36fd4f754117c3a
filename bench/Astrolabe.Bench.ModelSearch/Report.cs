using System.Globalization;

namespace Astrolabe.Bench.ModelSearch;

/// <summary>Joins both sides' result lines (matched by list seed) into the markdown tables run.sh prints.</summary>
internal static class Report
{
    public static void Print(string oursPath, string peerPath)
    {
        var ours = SearchResult.ReadAll(oursPath).ToDictionary(r => r.Seed);
        var peer = SearchResult.ReadAll(peerPath).ToDictionary(r => r.Seed);
        var pairs = ours.Keys.Intersect(peer.Keys).Order().Select(s => (Seed: s, Ours: ours[s], Peer: peer[s])).ToList();
        if (pairs.Count == 0)
        {
            throw new InvalidDataException("No list was run by both sides.");
        }

        var first = pairs[0];
        Line($"Per list: {first.Ours.Trials} configurations of up to {first.Ours.MaxEpochs} epochs, TPE (seed = list seed) + Hyperband(1, {first.Ours.MaxEpochs}, 3), "
            + $"{first.Ours.Threads} thread(s) on each side. Astrolabe {first.Ours.Version}; peer {first.Peer.Version}.");
        Line("");
        Line("| list | side | search wall (s) | search CPU (s) | retrain wall (s) | best val acc (trial) | test acc, retrained | pruned | failed | epochs trained |");
        Line("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (seed, o, p) in pairs)
        {
            Side(seed, "Astrolabe", o);
            Side(seed, "Optuna + PyTorch", p);
        }

        Line("");
        Line("Speed-up = peer time / Astrolabe time. Per epoch: wall time divided by the epochs each side trained (pruning decisions differ when accuracies differ); "
            + "by family: the trials' own wall times (training and validation) per epoch.");
        Line("");
        Line("| list | speed-up, search wall | speed-up, search CPU | speed-up, retrain wall | speed-up per epoch trained | per epoch, MLP trials | per epoch, CNN trials | epoch-1 val acc, Astrolabe − peer, mean ± sd over configs |");
        Line("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (seed, o, p) in pairs)
        {
            Ratios(seed.ToString(CultureInfo.InvariantCulture), [o], [p]);
        }

        if (pairs.Count > 1)
        {
            Ratios("all (sums)", [.. pairs.Select(x => x.Ours)], [.. pairs.Select(x => x.Peer)]);
        }
    }

    private static void Side(int seed, string name, SearchResult r) => Line(
        $"| {seed} | {name} | {r.SearchSeconds:F1} | {r.SearchCpuSeconds:F1} | {r.FinalSeconds:F1} | {r.BestValAcc:F4} (#{r.BestTrial}) | {r.TestAcc:F4} | {r.Pruned} | {r.Failed} | {r.Epochs} |");

    private static void Ratios(string label, IReadOnlyList<SearchResult> o, IReadOnlyList<SearchResult> p)
    {
        double Sum(IReadOnlyList<SearchResult> rs, Func<SearchResult, double> f) => rs.Sum(f);
        double wall = Sum(p, r => r.SearchSeconds) / Sum(o, r => r.SearchSeconds);
        double cpu = Sum(p, r => r.SearchCpuSeconds) / Sum(o, r => r.SearchCpuSeconds);
        double final = Sum(p, r => r.FinalSeconds) / Sum(o, r => r.FinalSeconds);
        double perEpoch = wall * Sum(o, r => r.Epochs) / Sum(p, r => r.Epochs);
        double mlp = PerEpoch(p, "mlp") / PerEpoch(o, "mlp"), cnn = PerEpoch(p, "cnn") / PerEpoch(o, "cnn");
        var diffs = o.Zip(p).SelectMany(x => FirstEpochDiffs(x.First, x.Second)).ToList();
        double mean = diffs.Count > 0 ? diffs.Average() : double.NaN;
        double sd = diffs.Count > 1 ? Math.Sqrt(diffs.Sum(d => (d - mean) * (d - mean)) / (diffs.Count - 1)) : double.NaN;
        Line($"| {label} | {wall:F2}× | {cpu:F2}× | {final:F2}× | {perEpoch:F2}× | {Times(mlp)} | {Times(cnn)} | {mean:+0.0000;-0.0000} ± {sd:F4} (n = {diffs.Count}) |");
    }

    private static string Times(double ratio) => double.IsFinite(ratio) ? ratio.ToString("F2", CultureInfo.InvariantCulture) + "×" : "–";

    private static double PerEpoch(IReadOnlyList<SearchResult> rs, string family)
    {
        var trials = rs.SelectMany(r => r.TrialOutcomes).Where(t => t.Family == family).ToList();
        return trials.Sum(t => t.Seconds) / trials.Sum(t => t.Epochs);
    }

    private static IEnumerable<double> FirstEpochDiffs(SearchResult o, SearchResult p) =>
        from a in o.TrialOutcomes
        join b in p.TrialOutcomes on a.Number equals b.Number
        where a.FirstValue is not null && b.FirstValue is not null
        select a.FirstValue!.Value - b.FirstValue!.Value;

    private static void Line(FormattableString s) => Console.WriteLine(s.ToString(CultureInfo.InvariantCulture));

    private static void Line(string s) => Console.WriteLine(s);
}
