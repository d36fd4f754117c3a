using System.Diagnostics;
using System.Globalization;
using Astrolabe;
using Astrolabe.Bench.Tpe;

// Terminator benchmark (run.sh): TPE studies of the TPE bench's problems, the terminator's evaluators consulted after
// every trial without stopping the study, and when each would have stopped against when the best value stopped
// improving.
//   run <trials> <firstSeed> <seeds> [problem prefixes, comma-separated] [evaluators: rb,emmr]
//       one line per trial: problem seed trial value improvement-rb error-rb improvement-emmr error-emmr
//       (NaN where not evaluated: before MinNTrials, or an evaluator not asked for); on standard error the time spent
//   report <raw file> <trials>
//       the tables of RESULTS.md
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
string command = args.Length > 0 ? args[0] : "run";
int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], CultureInfo.InvariantCulture) : fallback;
switch (command)
{
    case "run":
        Run(Arg(1, 200), Arg(2, 0), Arg(3, 10), args.Length > 4 ? args[4] : "", (args.Length > 5 ? args[5] : "rb").Split(','));
        break;
    case "report":
        Report.Print(args[1], Arg(2, 200));
        break;
    default:
        Console.Error.WriteLine($"Unknown command '{command}': use run or report.");
        Environment.Exit(2);
        break;
}

static void Run(int maxTrials, int firstSeed, int seeds, string only, string[] evaluators)
{
    const int minTrials = 20; // the Terminator's MinNTrials (Optuna's)
    var clock = Stopwatch.StartNew();
    foreach (var problem in Problems.All.Where(p => only.Split(',').Any(prefix => p.Name.StartsWith(prefix, StringComparison.Ordinal))))
    {
        for (int seed = firstSeed; seed < firstSeed + seeds; seed++)
        {
            var study = Study.Create(new StudyOptions { Sampler = new TpeSampler(new TpeSamplerOptions { Seed = seed }) });

            // What a Terminator with these options would compare after each trial (Terminator.ShouldTerminate: at least
            // MinNTrials Complete trials, then improvement < error).
            var pairs = new List<(string Name, IImprovementEvaluator Improvement, IErrorEvaluator Error)>();
            if (evaluators.Contains("rb"))
            {
                pairs.Add(("rb", new RegretBoundEvaluator(seed: seed), new MedianErrorEvaluator(new RegretBoundEvaluator(seed: seed))));
            }

            if (evaluators.Contains("emmr"))
            {
                var emmr = new EMMREvaluator(seed: seed);
                pairs.Add(("emmr", emmr, new MedianErrorEvaluator(emmr)));
            }


            for (int t = 1; t <= maxTrials; t++)
            {
                var trial = study.Ask();
                double value = problem.Objective(trial);
                study.Tell(trial, value);
                var readings = new Dictionary<string, (double Improvement, double Error)>();
                if (t >= minTrials)
                {
                    var trials = study.Trials;
                    foreach (var (name, improvement, error) in pairs)
                    {
                        readings[name] = (improvement.Evaluate(trials, StudyDirection.Minimize), error.Evaluate(trials, StudyDirection.Minimize));
                    }
                }

                string Column(string name) => readings.TryGetValue(name, out var r) ? $"{r.Improvement:R} {r.Error:R}" : "NaN NaN";
                Console.WriteLine($"{problem.Name} {seed} {t} {value:R} {Column("rb")} {Column("emmr")}");
            }

            Console.Error.WriteLine($"{problem.Name} seed {seed}: done at {clock.Elapsed.TotalSeconds:F0} s");
        }
    }
}
