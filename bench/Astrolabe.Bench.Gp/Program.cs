using System.Diagnostics;
using System.Globalization;
using Astrolabe;
using Astrolabe.Bench.Tpe;

// Astrolabe side of the GP benchmark (run.sh runs it next to peer_gp.py); the problems are the TPE bench's.
//   quality <maxTrials> <firstSeed> <seeds> <budgets,...> [problem prefixes, comma-separated]
//       one line per run and budget: problem seed budget regret; on standard error, the slowest proposal
//   cost <dims> <asks> <n,...>
//       one line per n: n dims proposals median-wall-ms median-cpu-ms mean-wall-ms mean-cpu-ms max-wall-ms, where
//       each proposal (ask, the dims suggestions, tell) is timed after n, n + 1, ... finished trials of one study
//       that grows from one n to the next, max(asks, ⌈n / 10⌉) of them (see Cost; a 15-trial study runs first,
//       untimed, so that no timed proposal pays for compiling the code)
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
string command = args.Length > 0 ? args[0] : "quality";
int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], CultureInfo.InvariantCulture) : fallback;

switch (command)
{
    case "quality":
        Quality(Arg(1, 50), Arg(2, 0), Arg(3, 20), (args.Length > 4 ? args[4] : "25,50").Split(',').Select(int.Parse).ToArray(), args.Length > 5 ? args[5] : "");
        break;
    case "cost":
        Cost([15], Arg(1, 10), 1, quiet: true); // compiles the sampler's code paths before anything is timed
        Cost((args.Length > 3 ? args[3] : "10,25,50,100,200,300,500").Split(',').Select(int.Parse).Order().ToArray(), Arg(1, 10), Arg(2, 5));
        break;
    default:
        Console.Error.WriteLine($"Unknown command '{command}': use quality or cost.");
        Environment.Exit(2);
        break;
}

static void Quality(int maxTrials, int firstSeed, int seeds, int[] budgets, string only)
{
    // An untimed study first, on the mixed problem (ints, floats, a log float, a categorical), compiles the code paths.
    var warm = Study.Create(new StudyOptions { Sampler = new GpSampler(new GpSamplerOptions { Seed = 0 }) });
    warm.Optimize(Problems.All.First(p => p.Name.StartsWith("mixed", StringComparison.Ordinal)).Objective, nTrials: 12);
    (double Ms, string Where) slowest = (0, "");
    foreach (var problem in Problems.All.Where(p => only.Split(',').Any(prefix => p.Name.StartsWith(prefix, StringComparison.Ordinal))))
    {
        for (int seed = firstSeed; seed < firstSeed + seeds; seed++)
        {
            var study = Study.Create(new StudyOptions { Sampler = new GpSampler(new GpSamplerOptions { Seed = seed }) });
            var values = new List<double>();
            try
            {
                // Ask and tell one by one (Optimize's loop on one thread) so that each proposal is timed.
                for (int i = 0; i < maxTrials; i++)
                {
                    long start = Stopwatch.GetTimestamp();
                    var trial = study.Ask();
                    double value = problem.Objective(trial);
                    study.Tell(trial, value);
                    double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                    if (ms > slowest.Ms)
                    {
                        slowest = (ms, $"{problem.Name} seed {seed} trial {i}");
                    }

                    values.Add(value);
                }
            }
            catch (Exception e)
            {
                Console.Error.WriteLine($"{problem.Name} seed {seed}: failed at trial {values.Count} ({values.Count} finished): {e}");
                Environment.Exit(1);
            }

            foreach (int budget in budgets.Where(b => b <= maxTrials))
            {
                Console.WriteLine($"{problem.Name} {seed} {budget} {values.Take(budget).Min() - problem.Optimum:R}");
            }
        }
    }

    Console.Error.WriteLine($"slowest proposal {slowest.Ms:F1} ms ({slowest.Where})");
}

// One study on a sphere of dims floats; when it holds n finished trials (for each n in turn), the next proposals are
// timed one by one, each from the ask through the dims suggestions to the tell (everything the sampler does for one
// trial; the objective is a sum), and are trials of the study like the others. They are max(asks, ⌈n / 10⌉): the
// sampler fits its GP's hyperparameters again for every proposal below 64 trials and, above, once the trials have
// grown by 10% since the last fit, so the window holds one fit and its mean is the amortised cost per proposal.
static void Cost(int[] ns, int dims, int asks, bool quiet = false)
{
    var names = Enumerable.Range(0, dims).Select(i => $"x{i}").ToArray();
    var study = Study.Create(new StudyOptions { Sampler = new GpSampler(new GpSamplerOptions { Seed = 1 }) });
    double Sphere(Trial t)
    {
        double sum = 0;
        foreach (string name in names)
        {
            double x = t.SuggestFloat(name, -5, 5);
            sum += x * x;
        }

        return sum;
    }

    static double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);
    foreach (int n in ns)
    {
        if (study.Trials.Count < n)
        {
            study.Optimize(Sphere, nTrials: n - study.Trials.Count);
        }

        var wall = new List<double>();
        var cpu = new List<double>();
        for (int i = 0; i < Math.Max(asks, (n + 9) / 10); i++)
        {
            var cpuStart = Environment.CpuUsage.TotalTime;
            long start = Stopwatch.GetTimestamp();
            var trial = study.Ask();
            study.Tell(trial, Sphere(trial));
            wall.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            cpu.Add((Environment.CpuUsage.TotalTime - cpuStart).TotalMilliseconds);
        }

        if (!quiet)
        {
            Console.WriteLine($"{n} {dims} {wall.Count} {Median(wall):F3} {Median(cpu):F3} {wall.Average():F3} {cpu.Average():F3} {wall.Max():F3}");
        }
    }
}
