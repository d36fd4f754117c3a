using System.Globalization;
using System.Text.Json;

namespace Astrolabe.ModelSearch.Tests.Space;

/// <summary>
/// Seeded searches over the default <see cref="ModelSpace"/> must keep drawing the same trials: the same parameter
/// names, ranges and order, and the same configurations. The expected lines (Fixtures/seeded-searches.jsonl) were
/// written by the space before model families became classes; any change to a parameter's name, range or order, or
/// to the configuration's JSON, shows up here.
/// </summary>
public sealed class SeededSearchTests
{
    private static readonly string FixturePath = Path.Combine(AppContext.BaseDirectory, "Space", "Fixtures", "seeded-searches.jsonl");

    [Fact]
    public void SeededRandomAndTpeSearchesDrawTheRecordedTrials()
    {
        var expected = File.ReadAllLines(FixturePath);
        var actual = Lines().ToArray();
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i]);
        }
    }

    [Fact]
    public void EveryRecordedConfigurationReadsBackToTheSameJson()
    {
        foreach (string line in File.ReadLines(FixturePath))
        {
            using var record = JsonDocument.Parse(line);
            string json = record.RootElement.GetProperty("model").GetRawText();
            Assert.Equal(json, ModelConfig.FromJson(json).ToJson());
        }
    }

    /// <summary>One line per trial: sampler, input shape, trial number, its parameters and its configuration.</summary>
    internal static IEnumerable<string> Lines()
    {
        var samplers = new (string Name, Func<Sampler> Create)[]
        {
            ("random", () => new RandomSampler(new RandomSamplerOptions { Seed = 7 })),
            ("tpe", () => new TpeSampler(new TpeSamplerOptions { Seed = 7 })),
        };
        int[][] shapes = [[1, 28, 28], [13]];
        var space = new ModelSpace();
        foreach (var (name, create) in samplers)
        {
            foreach (var shape in shapes)
            {
                var study = Study.Create(new StudyOptions { Sampler = create() });
                study.Optimize(t => Score(t, space.Suggest(t, shape)), nTrials: 30);
                foreach (var t in study.Trials)
                {
                    string parameters = JsonSerializer.Serialize(t.Params.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value));
                    string model = (string)t.UserAttrs[ModelObjective.ConfigAttribute]!;
                    yield return $"{{\"sampler\":\"{name}\",\"shape\":[{string.Join(",", shape)}],\"trial\":{t.Number},\"params\":{parameters},\"model\":{model}}}";
                }
            }
        }
    }

    /// <summary>A deterministic value from the parameters alone, so TPE has something to model.</summary>
    private static double Score(Trial trial, ModelConfig config)
    {
        trial.SetUserAttr(ModelObjective.ConfigAttribute, config.ToJson());
        double score = 0;
        foreach (var (key, value) in trial.Params)
        {
            score += value switch
            {
                string s => s.Length * 0.1,
                _ => Math.Log(1 + Math.Abs(Convert.ToDouble(value, CultureInfo.InvariantCulture))),
            } * (key.Length % 3 == 0 ? -1 : 1);
        }

        return score;
    }
}
