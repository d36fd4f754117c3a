using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Astrolabe;
using Astrolabe.Bench.Importance;

// Hyperparameter importance benchmark, Astrolabe's side.
//   trials <dir>            runs every problem (Problems.cs) and writes its Complete trials to <dir>/<problem>.json,
//                           which the peer (peer_importance.py) reads, so both sides judge the very same trials;
//   ours <dir> <seeds>      judges those trials: one line "problem method seed param importance" per parameter and a
//                           line "time problem method seed seconds" per evaluation (one thread; one warm-up first).
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: trials <dir> | ours <dir> <seeds>");
    return 2;
}

string dir = args[1];
switch (args[0])
{
    case "trials":
        Directory.CreateDirectory(dir);
        foreach (var problem in Problems.All)
        {
            var study = Problems.Run(problem);
            File.WriteAllText(Path.Combine(dir, problem.Name + ".json"), TrialsJson(problem, study.GetTrials(TrialState.Complete)));
        }

        return 0;
    case "ours":
        int seeds = int.Parse(args[2], CultureInfo.InvariantCulture);
        foreach (var problem in Problems.All)
        {
            var trials = ReadTrials(Path.Combine(dir, problem.Name + ".json"), problem);
            var methods = new (string Name, Func<int, IImportanceEvaluator> Create)[]
            {
                ("fanova", seed => new FanovaImportanceEvaluator(seed: seed)),
                ("mdi", seed => new MeanDecreaseImpurityImportanceEvaluator(seed: seed)),
                ("ped-anova", _ => new PedAnovaImportanceEvaluator()),
            };
            foreach (var (name, create) in methods)
            {
                ParamImportances.FromTrials(trials, [StudyDirection.Minimize], create(-1));
                for (int seed = 0; seed < seeds; seed++)
                {
                    var clock = Stopwatch.StartNew();
                    var importances = ParamImportances.FromTrials(trials, [StudyDirection.Minimize], create(seed));
                    double seconds = clock.Elapsed.TotalSeconds;
                    foreach (var (param, value) in importances)
                    {
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{problem.Name} {name} {seed} {param} {value:R}"));
                    }

                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"time {problem.Name} {name} {seed} {seconds:R}"));
                }
            }
        }

        return 0;
    default:
        Console.Error.WriteLine($"Unknown command '{args[0]}'.");
        return 2;
}

static string TrialsJson(Problems.Problem problem, IReadOnlyList<FrozenTrial> trials)
{
    using var buffer = new MemoryStream();
    using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
    {
        w.WriteStartObject();
        w.WriteString("name", problem.Name);
        w.WriteStartObject("distributions");
        foreach (var (name, distribution) in problem.Space)
        {
            w.WriteStartObject(name);
            switch (distribution)
            {
                case FloatDistribution f:
                    w.WriteString("type", "float");
                    w.WriteNumber("low", f.Low);
                    w.WriteNumber("high", f.High);
                    w.WriteBoolean("log", f.Log);
                    break;
                case IntDistribution i:
                    w.WriteString("type", "int");
                    w.WriteNumber("low", i.Low);
                    w.WriteNumber("high", i.High);
                    w.WriteBoolean("log", i.Log);
                    break;
                case CategoricalDistribution c:
                    w.WriteString("type", "categorical");
                    w.WriteStartArray("choices");
                    foreach (var choice in c.Choices)
                    {
                        w.WriteStringValue((string)choice!);
                    }

                    w.WriteEndArray();
                    break;
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteStartArray("trials");
        foreach (var trial in trials)
        {
            w.WriteStartObject();
            w.WriteNumber("value", trial.Value!.Value);
            w.WriteStartObject("params");
            foreach (var (name, value) in trial.Params)
            {
                switch (value)
                {
                    case string s: w.WriteString(name, s); break;
                    case long l: w.WriteNumber(name, l); break;
                    default: w.WriteNumber(name, (double)value!); break;
                }
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
}

// The trials as written, rebuilt as Complete FrozenTrials with the problem's distributions.
static List<FrozenTrial> ReadTrials(string path, Problems.Problem problem)
{
    using var doc = JsonDocument.Parse(File.ReadAllText(path));
    var distributions = problem.Space.ToDictionary(p => p.Name, p => p.Distribution);
    var trials = new List<FrozenTrial>();
    foreach (var t in doc.RootElement.GetProperty("trials").EnumerateArray())
    {
        var internalParams = new Dictionary<string, double>();
        foreach (var p in t.GetProperty("params").EnumerateObject())
        {
            var d = distributions[p.Name];
            internalParams[p.Name] = p.Value.ValueKind == JsonValueKind.String ? d.ToInternal(p.Value.GetString()) : p.Value.GetDouble();
        }

        trials.Add(new FrozenTrial
        {
            Number = trials.Count,
            TrialId = trials.Count,
            State = TrialState.Complete,
            Values = [t.GetProperty("value").GetDouble()],
            InternalParams = internalParams,
            Distributions = distributions,
        });
    }

    return trials;
}
