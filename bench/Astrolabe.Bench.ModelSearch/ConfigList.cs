using System.Text.Json;
using System.Text.Json.Nodes;
using Astrolabe.ModelSearch;

namespace Astrolabe.Bench.ModelSearch;

/// <summary>One listed configuration: the trial parameters that make the space draw it, and the model they describe.</summary>
/// <param name="Params">The parameters, by name, as the trial recorded them.</param>
/// <param name="Model">The configuration the space drew from them.</param>
internal sealed record ListedConfig(IReadOnlyDictionary<string, object?> Params, ModelConfig Model);

/// <summary>
/// The fixed list of configurations both sides train: drawn once with a seeded random sampler, written as JSON
/// (<c>max_epochs</c>, <c>seed</c>, the space's ranges under <c>space</c>, and per configuration its <c>params</c>
/// and its <c>model</c> as <see cref="ModelConfig.ToJson"/> writes it).
/// </summary>
internal static class ConfigList
{
    private static readonly JsonSerializerOptions s_snake = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true };

    /// <summary>Draws <paramref name="count"/> configurations in order with <c>RandomSampler(seed)</c>.</summary>
    public static IReadOnlyList<ListedConfig> Draw(SearchTask task, ModelSpace space, int count, int seed)
    {
        var study = Study.Create(new StudyOptions
        {
            Direction = StudyDirection.Maximize,
            Sampler = new RandomSampler(new RandomSamplerOptions { Seed = seed }),
        });
        var list = new List<ListedConfig>(count);
        for (int i = 0; i < count; i++)
        {
            var trial = study.Ask();
            var config = space.Suggest(trial, task);
            list.Add(new ListedConfig(trial.Params, config));
            study.Tell(trial, 0.0);
        }

        return list;
    }

    /// <summary>Writes the list.</summary>
    public static void Write(string path, int maxEpochs, int seed, ModelSpace space, IReadOnlyList<ListedConfig> configs)
    {
        var root = new JsonObject
        {
            ["max_epochs"] = maxEpochs,
            ["seed"] = seed,
            ["space"] = JsonSerializer.SerializeToNode(space.Options, s_snake),
            ["configs"] = new JsonArray([.. configs.Select(c => (JsonNode)new JsonObject
            {
                ["params"] = JsonSerializer.SerializeToNode(c.Params),
                ["model"] = JsonNode.Parse(c.Model.ToJson()),
            })]),
        };
        File.WriteAllText(path, root.ToJsonString(s_indented));
    }

    /// <summary>Reads what <see cref="Write"/> wrote.</summary>
    public static (int MaxEpochs, IReadOnlyList<ListedConfig> Configs) Read(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var root = doc.RootElement;
        var configs = root.GetProperty("configs").EnumerateArray().Select(c => new ListedConfig(
            c.GetProperty("params").EnumerateObject().ToDictionary(p => p.Name, p => Value(p.Value)),
            ModelConfig.FromJson(c.GetProperty("model").GetRawText()))).ToList();
        return (root.GetProperty("max_epochs").GetInt32(), configs);
    }

    // JSON writes 1.0 as 1: integers come back as long, which float and categorical distributions accept by value.
    private static object? Value(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number when e.TryGetInt64(out long l) => l,
        JsonValueKind.Number => e.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null => null,
        _ => throw new InvalidDataException($"Unexpected parameter value {e.GetRawText()}."),
    };
}
