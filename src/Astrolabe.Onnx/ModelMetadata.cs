using System.Globalization;
using System.Reflection;
using Astrolabe.ModelSearch;
using Onnx;

namespace Astrolabe.Onnx;

/// <summary>
/// What an exported file says about itself: producer (Astrolabe and this library's version), a description, and
/// metadata properties: the task, its kind, the structure, the family, the stored precision, the validation score
/// when known, and the model's configuration as Astrolabe's JSON (<see cref="ModelConfig.ToJson"/>).
/// </summary>
internal static class ModelMetadata
{
    /// <summary>The producer name written into every file.</summary>
    public const string Producer = "Astrolabe";

    /// <summary>This library's informational version (the assembly version when it has none).</summary>
    public static string Version { get; } =
        typeof(ModelMetadata).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ModelMetadata).Assembly.GetName().Version?.ToString() ?? "0";

    /// <summary>Fills in the producer, descriptions and metadata properties of <paramref name="proto"/>.</summary>
    /// <param name="proto">The model's proto.</param>
    /// <param name="model">The model.</param>
    public static void Describe(ModelProto proto, TrainedModel model)
    {
        string kind = model.IsClassification ? "classification" : "regression";
        string structure = model.Config.Describe();
        string outputs = model.IsClassification
            ? $"'{ModelGraph.LogitsName}' and '{ModelGraph.ProbabilitiesName}' [N, {model.Outputs}]"
            : $"'{ModelGraph.PredictionName}' [N, {model.Outputs}] in the target's units";
        proto.ProducerName = Producer;
        proto.ProducerVersion = Version;
        proto.DocString = $"{structure}, trained for '{model.TaskName}' ({kind}). Input '{ModelGraph.InputName}': raw samples "
            + $"[N, {string.Join(", ", model.InputShape)}]; outputs: {outputs}.";
        proto.Graph.DocString = proto.DocString;
        Add(proto, "task", model.TaskName);
        Add(proto, "task_kind", kind);
        Add(proto, "structure", structure);
        Add(proto, "family", model.Config.Family.Name);
        Add(proto, "precision", ModelPrecisions.Name(model.Precision));
        if (model.ValidationScore is { } score)
        {
            Add(proto, "validation_score", score.ToString("R", CultureInfo.InvariantCulture));
        }

        Add(proto, "astrolabe_model_config", model.Config.ToJson());
    }

    private static void Add(ModelProto proto, string key, string value) =>
        proto.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
}
