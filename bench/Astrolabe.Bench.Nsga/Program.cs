using System.Diagnostics;
using System.Globalization;
using Astrolabe;
using Astrolabe.Bench.Nsga;

// Astrolabe side of the NSGA benchmark (run.sh runs it next to peer_nsga.py).
//   quality <trials> <firstSeed> <seeds> <budgets,...> [problems, comma-separated] [nsga2|nsga3]
//       one line per run and budget: problem seed budget hypervolume (of the first `budget` Complete trials, feasible
//       ones only for constrained problems, against the problem's reference point)
//   cost <trials> <repeats>
//       one line per sampler (nsga2, random): sampler trials median-wall-seconds median-cpu-seconds of a whole
//       sequential study of ZDT1 (30 floats), ask to tell; a 200-trial study runs first, untimed
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
string command = args.Length > 0 ? args[0] : "quality";
int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], CultureInfo.InvariantCulture) : fallback;

switch (command)
{
    case "quality":
        Quality(Arg(1, 1000), Arg(2, 0), Arg(3, 20), (args.Length > 4 ? args[4] : "500,1000").Split(',').Select(int.Parse).ToArray(),
            args.Length > 5 && args[5].Length > 0 ? args[5].Split(',') : [.. Problems.All.Select(p => p.Name)], args.Length > 6 ? args[6] : "nsga2");
        break;
    case "cost":
        Cost(Arg(1, 1000), Arg(2, 3));
        break;
    default:
        Console.Error.WriteLine($"Unknown command '{command}': use quality or cost.");
        Environment.Exit(2);
        break;
}

static Sampler NewSampler(string kind, int seed, Problem problem)
{
    Func<FrozenTrial, IReadOnlyList<double>>? constraints = problem.Constraints is { } c ? t => c([.. t.Values!]) : null;
    return kind switch
    {
        "nsga2" => new NsgaIISampler(new NsgaIISamplerOptions { Seed = seed, ConstraintsFunc = constraints }),
        "nsga3" => new NsgaIIISampler(new NsgaIIISamplerOptions { Seed = seed, ConstraintsFunc = constraints }),
        "random" => new RandomSampler(new RandomSamplerOptions { Seed = seed }),
        _ => throw new ArgumentException($"Unknown sampler '{kind}': use nsga2, nsga3 or random."),
    };
}

static Study Run(Problem problem, Sampler sampler, int trials)
{
    var study = Study.Create(new StudyOptions { Sampler = sampler, Directions = [.. Enumerable.Repeat(StudyDirection.Minimize, problem.Count)] });
    study.Optimize(t => problem.Objectives(t), nTrials: trials);
    return study;
}

static void Quality(int trials, int firstSeed, int seeds, int[] budgets, string[] names, string kind)
{
    foreach (var problem in Problems.All.Where(p => names.Contains(p.Name)))
    {
        for (int seed = firstSeed; seed < firstSeed + seeds; seed++)
        {
            var complete = Run(problem, NewSampler(kind, seed, problem), trials).GetTrials(TrialState.Complete);
            foreach (int budget in budgets.Where(b => b <= trials))
            {
                var points = complete.Take(budget)
                    .Where(t => problem.Constraints is null || problem.Constraints([.. t.Values!]).All(v => v <= 0))
                    .Select(t => t.Values!)
                    .ToList();
                Console.WriteLine($"{problem.Name} {seed} {budget} {Hypervolume.Compute(points, problem.Reference):R}");
            }
        }
    }
}

static void Cost(int trials, int repeats)
{
    var zdt1 = Problems.All[0];
    // A first study of each kind, not measured (both sides warm up the same way; ours compiles its code then).
    Run(zdt1, NewSampler("nsga2", 0, zdt1), trials);
    Run(zdt1, NewSampler("random", 0, zdt1), trials);
    foreach (string kind in new[] { "nsga2", "random" })
    {
        var wall = new List<double>();
        var cpu = new List<double>();
        for (int r = 0; r < repeats; r++)
        {
            var cpuStart = Environment.CpuUsage.TotalTime;
            long start = Stopwatch.GetTimestamp();
            Run(zdt1, NewSampler(kind, r, zdt1), trials);
            wall.Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
            cpu.Add((Environment.CpuUsage.TotalTime - cpuStart).TotalSeconds);
        }

        Console.WriteLine($"{kind} {trials} {wall.Order().ElementAt(repeats / 2):F4} {cpu.Order().ElementAt(repeats / 2):F4}");
    }
}
