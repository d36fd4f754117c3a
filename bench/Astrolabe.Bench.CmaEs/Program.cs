using System.Diagnostics;
using System.Globalization;
using Astrolabe;
using Astrolabe.Bench.CmaEs;

// quality <trials> <seed0> <seeds> <variant[:filter]>... : "problem variant seed best" lines, seeds in the outer loop
//                                                      (variant: default, ipop, bipop, sep, lra; filter: comma-separated name parts)
// cost <dims> <trials> <repeats>                      : "cost <dims> <median CPU s per trial> <median wall s per trial> <cold first run's CPU s per trial>"
// compare <ours-file> <ours-variant> <peer-file> <peer-variant> [filter] : a markdown table of medians and Mann–Whitney + Holm
// check                                               : prints reference values of the problems (to compare with problems.py)
var inv = CultureInfo.InvariantCulture;
switch (args.ElementAtOrDefault(0))
{
    case "quality":
        int trials = int.Parse(args[1], inv), seed0 = int.Parse(args[2], inv), seeds = int.Parse(args[3], inv);
        for (int seed = seed0; seed < seed0 + seeds; seed++)
        {
            foreach (var spec in args.Skip(4))
            {
                string variant = spec.Split(':')[0];
                var filters = spec.Contains(':', StringComparison.Ordinal) ? spec.Split(':')[1].Split(',', StringSplitOptions.RemoveEmptyEntries) : [];
                foreach (var p in Problems.All().Where(p => filters.Length == 0 || filters.Any(f => p.Name.Contains(f, StringComparison.Ordinal))))
                {
                    Console.WriteLine(string.Create(inv, $"{p.Name} {variant} {seed} {Run(p, Options(variant, seed), trials).ToString("R", inv)}"));
                }
            }
        }

        break;
    case "cost":
        int dims = int.Parse(args[1], inv), n = int.Parse(args[2], inv), repeats = int.Parse(args[3], inv);
        var sphere = new Problem("sphere", x => x.Sum(v => v * v), Enumerable.Repeat((-5.0, 5.0), dims).ToArray());
        // Warm-up: whole runs until the JIT's tiered compilation has settled (at least 3 s), so that the timed runs
        // measure the sampler, not the compiler; the first, cold run's cost is printed as well.
        var warming = Stopwatch.StartNew();
        var coldCpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        Run(sphere, new CmaEsSamplerOptions { Seed = 99 }, n);
        double cold = (Process.GetCurrentProcess().TotalProcessorTime - coldCpu0).TotalSeconds / n;
        for (int w = 100; warming.Elapsed.TotalSeconds < 3; w++)
        {
            Run(sphere, new CmaEsSamplerOptions { Seed = w }, n);
        }

        var runs = Enumerable.Range(0, repeats).Select(r =>
        {
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            Run(sphere, new CmaEsSamplerOptions { Seed = r }, n);
            return (Cpu: (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds / n, Wall: sw.Elapsed.TotalSeconds / n);
        }).ToList();
        Console.WriteLine(string.Create(inv, $"cost {dims} {runs.Select(r => r.Cpu).Order().ElementAt(repeats / 2):R} {runs.Select(r => r.Wall).Order().ElementAt(repeats / 2):R} {cold:R}"));
        break;
    case "compare":
        Console.Write(Compare.Table(File.ReadAllLines(args[1]), args[2], File.ReadAllLines(args[3]), args[4], args.Length > 5 ? args[5].Split(',') : []));
        break;
    case "check":
        double[] x = [0.3, -1.2, 2.0, 0.7, -0.4];
        foreach (var p in Problems.All().Where(p => p.Name.EndsWith("-5", StringComparison.Ordinal)))
        {
            Console.WriteLine(string.Create(inv, $"{p.Name} {p.F(x):R}"));
        }

        Console.WriteLine(string.Create(inv, $"branin {Problems.All().Single(p => p.Name == "branin-2").F([Math.PI, 2.275]):R}"));
        Console.WriteLine(string.Create(inv, $"hartmann6 {Problems.All().Single(p => p.Name == "hartmann6-6").F([0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573]):R}"));
        break;
    default:
        Console.Error.WriteLine("usage: quality <trials> <seed0> <seeds> <variant[:filter]>... | cost <dims> <trials> <repeats> | compare <ours> <variant> <peer> <variant> [filter] | check");
        return 2;
}

return 0;

static CmaEsSamplerOptions Options(string variant, int seed) => variant switch
{
    "default" => new CmaEsSamplerOptions { Seed = seed },
    "ipop" => new CmaEsSamplerOptions { Seed = seed, RestartStrategy = CmaRestartStrategy.Ipop },
    "bipop" => new CmaEsSamplerOptions { Seed = seed, RestartStrategy = CmaRestartStrategy.Bipop },
    "sep" => new CmaEsSamplerOptions { Seed = seed, UseSeparableCma = true },
    "lra" => new CmaEsSamplerOptions { Seed = seed, LrAdapt = true },
    _ => throw new ArgumentException($"unknown variant {variant}"),
};

static double Run(Problem p, CmaEsSamplerOptions options, int trials)
{
    var study = Study.Create(new StudyOptions { Sampler = new CmaEsSampler(options) });
    var names = Enumerable.Range(0, p.Bounds.Length).Select(i => $"x{i}").ToArray();
    study.Optimize(t => p.F([.. names.Select((name, i) => t.SuggestFloat(name, p.Bounds[i].Low, p.Bounds[i].High))]), nTrials: trials);
    return study.BestValue;
}
