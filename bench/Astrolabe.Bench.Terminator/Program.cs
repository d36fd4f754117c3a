using System.Diagnostics;
using System.Globalization;
using Astrolabe;
using Astrolabe.Bench.Tpe;

// Terminator benchmark (run.sh): TPE studies of the TPE bench's problems, the terminator's evaluators consulted after
// every trial without stopping the study, and when each would have stopped against when the best value stopped
// improving.
//   run <trials> <firstSeed> <seeds> [problem prefixes, comma-separated] [evaluators: rb,emmr,stagnation]
//       one line per trial: problem seed trial value, then for each evaluator: name improvement error
//       (NaN before MinNTrials); on standard error the time spent
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
            var pairs = evaluators.Where(e => e.Length > 0).Select(name => (Name: name, Pair: Pair(name, seed))).ToList();
            for (int t = 1; t <= maxTrials; t++)
            {
                var trial = study.Ask();
                double value = problem.Objective(trial);
                study.Tell(trial, value);
                var line = new System.Text.StringBuilder($"{problem.Name} {seed} {t} {value:R}");
                var trials = t >= minTrials ? study.Trials : null;
                foreach (var (name, (improvement, error)) in pairs)
                {
                    line.Append(trials is null
                        ? $" {name} NaN NaN"
                        : $" {name} {improvement.Evaluate(trials, StudyDirection.Minimize):R} {error.Evaluate(trials, StudyDirection.Minimize):R}");
                }

                Console.WriteLine(line);
            }

            Console.Error.WriteLine($"{problem.Name} seed {seed}: done at {clock.Elapsed.TotalSeconds:F0} s");
        }
    }
}

// The terminators compared: an improvement evaluator and the error it is held against.
static (IImprovementEvaluator Improvement, IErrorEvaluator Error) Pair(string name, int seed)
{
    switch (name)
    {
        case "rb":
            return (new RegretBoundEvaluator(seed: seed), new MedianErrorEvaluator(new RegretBoundEvaluator(seed: seed)));
        case "emmr":
            var emmr = new EMMREvaluator(seed: seed);
            return (emmr, new MedianErrorEvaluator(emmr));
        case "stagnation":
            return (new BestValueStagnationEvaluator(), new StaticErrorEvaluator(0));
        default:
            throw new ArgumentException($"Unknown evaluator '{name}': use rb, emmr or stagnation.");
    }
}
