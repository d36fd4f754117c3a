// The smallest useful study: a conditional space, a seeded sampler, a file that keeps the trials.
// Run it twice: the second run resumes the study and adds 50 trials.
using Astrolabe;

using var storage = new SqliteStorage("quickstart.db");
var study = Study.Create(new StudyOptions
{
    StudyName = "quickstart",
    Direction = StudyDirection.Minimize,
    Sampler = new RandomSampler(new RandomSamplerOptions { Seed = 1 }),
    Storage = storage,
    LoadIfExists = true,
});

study.Optimize(trial =>
{
    string shape = trial.SuggestCategorical("shape", new[] { "bowl", "valley" });
    double x = trial.SuggestFloat("x", -10, 10);
    return shape == "bowl"
        ? (x - 2) * (x - 2)
        : Math.Abs(x + 1) + trial.SuggestFloat("offset", 1e-3, 10, log: true);
}, nTrials: 50);

Console.WriteLine($"{study.Trials.Count} trials; best value {study.BestValue:G4} with");
foreach (var (name, value) in study.BestTrial.Params)
{
    Console.WriteLine($"  {name} = {value}");
}
