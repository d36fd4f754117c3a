using System.Globalization;
using Astrolabe;

// Usage: <db path> <study name> <trials> <seed> [sleep ms per trial]
// Joins (or creates) the study and runs random-sampler trials of a 10-parameter quadratic.
string path = args[0];
string name = args[1];
int trials = int.Parse(args[2], CultureInfo.InvariantCulture);
int seed = int.Parse(args[3], CultureInfo.InvariantCulture);
int sleep = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 0;
using var storage = new SqliteStorage(path);
var study = Study.Create(new StudyOptions
{
    StudyName = name,
    Storage = storage,
    LoadIfExists = true,
    Sampler = new RandomSampler(new RandomSamplerOptions { Seed = seed }),
});
study.Optimize(t =>
{
    double sum = 0;
    for (int i = 0; i < 10; i++)
    {
        double x = t.SuggestFloat($"x{i}", -5, 5);
        sum += x * x;
    }

    if (sleep > 0)
    {
        Thread.Sleep(sleep);
    }

    return sum;
}, nTrials: trials);
Console.WriteLine($"done {trials}");
