using System.Diagnostics;
using System.Globalization;
using Astrolabe;

// Times a study of N random-sampler trials with P float parameters and a trivial objective, in memory
// and on a fresh SQLite file, recording each trial's cost (the default), and in memory without (memory-nocost:
// OptimizeOptions.RecordCost = false, what Optuna does). Prints one line per case: "<case> <median seconds> <all runs>".
int trials = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
int parameters = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
int repeats = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
string folder = Directory.CreateTempSubdirectory("astrolabe-bench-").FullName;
string[] names = Enumerable.Range(0, parameters).Select(i => $"x{i}").ToArray();

double Objective(Trial t)
{
    double sum = 0;
    foreach (string name in names)
    {
        double x = t.SuggestFloat(name, -5, 5);
        sum += x * x;
    }

    return sum;
}

double Time(Func<IStorage> storage, int n, bool recordCost = true)
{
    var s = storage();
    try
    {
        var study = Study.Create(new StudyOptions { Storage = s, Sampler = new RandomSampler(new RandomSamplerOptions { Seed = 1 }) });
        var clock = Stopwatch.StartNew();
        study.Optimize(Objective, new OptimizeOptions { NTrials = n, RecordCost = recordCost });
        double seconds = clock.Elapsed.TotalSeconds;
        if (study.Trials.Count != n)
        {
            throw new InvalidOperationException("lost trials");
        }

        return seconds;
    }
    finally
    {
        (s as IDisposable)?.Dispose();
    }
}

int file = 0;
IStorage Sqlite() => new SqliteStorage(Path.Combine(folder, $"bench{file++}.db"));
IStorage Memory() => new InMemoryStorage();

Time(Memory, 200); // warm-up: JIT and tiering
Time(Sqlite, 200);
foreach (var (label, factory, recordCost) in new (string, Func<IStorage>, bool)[] { ("memory", Memory, true), ("memory-nocost", Memory, false), ("sqlite", Sqlite, true) })
{
    var runs = Enumerable.Range(0, repeats).Select(_ => Time(factory, trials, recordCost)).Order().ToArray();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label} {runs[runs.Length / 2]:F4} {string.Join(",", runs.Select(r => r.ToString("F4", CultureInfo.InvariantCulture)))}"));
}

Directory.Delete(folder, recursive: true);
