using System.Diagnostics;
using System.Globalization;
using Astrolabe;
using Astrolabe.Bench.Tpe;

// Astrolabe side of the TPE benchmark (run.sh runs it next to peer_tpe.py).
//   quality <maxTrials> <firstSeed> <seeds> <budgets,...> [problem prefixes, comma-separated]  one line per run and budget: problem mode seed budget regret
//   cost <trials> <params> <repeats>                        one line per mode: mode median-wall-seconds median-cpu-seconds
//   growth <trials> <params>                                per-trial CPU milliseconds over windows of trials
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
string command = args.Length > 0 ? args[0] : "quality";
int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], CultureInfo.InvariantCulture) : fallback;

switch (command)
{
    case "quality":
        Quality(Arg(1, 300), Arg(2, 0), Arg(3, 20), (args.Length > 4 ? args[4] : "100,300").Split(',').Select(int.Parse).ToArray(), args.Length > 5 ? args[5] : "");
        break;
    case "cost":
        foreach (bool multivariate in new[] { false, true })
        {
            var runs = Enumerable.Range(0, Arg(3, 3)).Select(_ => Measure(() => TimeRun(Arg(1, 1000), Arg(2, 10), multivariate, null))).ToList();
            double wall = runs.Select(r => r.Wall).Order().ElementAt(runs.Count / 2), cpu = runs.Select(r => r.Cpu).Order().ElementAt(runs.Count / 2);
            Console.WriteLine($"{(multivariate ? "multivariate" : "univariate")} {wall:F4} {cpu:F4}");
        }

        break;
    case "growth":
        var stamps = new List<double>();
        TimeRun(Arg(1, 10000), Arg(2, 10), false, stamps);
        foreach (int end in new[] { 1000, 2000, 5000, 10000 }.Where(e => e <= stamps.Count))
        {
            int start = end - Math.Min(200, end / 2);
            Console.WriteLine($"{end} {(stamps[end - 1] - stamps[start - 1]) / (end - start) * 1000:F4}");
        }

        break;
    default:
        Console.Error.WriteLine($"Unknown command '{command}': use quality, cost or growth.");
        Environment.Exit(2);
        break;
}

static IEnumerable<string> ModesOf(Problem p) =>
    p.Name.StartsWith("mixed", StringComparison.Ordinal) || p.Name.StartsWith("conditional", StringComparison.Ordinal)
        ? ["default", "multivariate", "group"]
        : ["default", "multivariate"];

static TpeSamplerOptions OptionsOf(string mode, int seed) => new()
{
    Seed = seed,
    Multivariate = mode != "default",
    Group = mode == "group",
};

static void Quality(int maxTrials, int firstSeed, int seeds, int[] budgets, string only)
{
    foreach (var problem in Problems.All.Where(p => only.Split(',').Any(prefix => p.Name.StartsWith(prefix, StringComparison.Ordinal))))
    {
        foreach (string mode in ModesOf(problem))
        {
            for (int seed = firstSeed; seed < firstSeed + seeds; seed++)
            {
                var study = Study.Create(new StudyOptions { Sampler = new TpeSampler(OptionsOf(mode, seed)) });
                study.Optimize(problem.Objective, nTrials: maxTrials);
                var values = study.Trials.Select(t => t.Value!.Value).ToList();
                foreach (int budget in budgets.Where(b => b <= maxTrials))
                {
                    Console.WriteLine($"{problem.Name} {mode} {seed} {budget} {values.Take(budget).Min() - problem.Optimum:R}");
                }
            }
        }
    }
}

// Wall-clock and process CPU seconds of one run (CPU time is what a loaded machine distorts least).
static (double Wall, double Cpu) Measure(Func<double> run)
{
    var cpu = Environment.CpuUsage.TotalTime;
    double wall = run();
    return (wall, (Environment.CpuUsage.TotalTime - cpu).TotalSeconds);
}

static double TimeRun(int trials, int parameters, bool multivariate, List<double>? stamps)
{
    var names = Enumerable.Range(0, parameters).Select(i => $"x{i}").ToArray();
    var study = Study.Create(new StudyOptions { Sampler = new TpeSampler(new TpeSamplerOptions { Seed = 1, Multivariate = multivariate }) });
    var clock = Stopwatch.StartNew();
    study.Optimize(t =>
    {
        double sum = 0;
        foreach (string n in names)
        {
            double x = t.SuggestFloat(n, -5, 5);
            sum += x * x;
        }

        stamps?.Add(Environment.CpuUsage.TotalTime.TotalSeconds);
        return sum;
    }, nTrials: trials);
    return clock.Elapsed.TotalSeconds;
}
