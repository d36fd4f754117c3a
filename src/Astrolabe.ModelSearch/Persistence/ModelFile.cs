using System.Text;
using System.Text.Json;
using Astrolabe.Nn.Training;

namespace Astrolabe.ModelSearch;

/// <summary>
/// The saved-model format: the magic string <c>ASTROLABE-MODEL-1</c>, a JSON header (task, input shape, outputs,
/// kind, preprocessing, configuration, validation score), then the weights as an Astrolabe.Nn checkpoint without
/// optimizer state. Written to a temporary file and renamed, so a crash never leaves a half-written model behind.
/// </summary>
public static class ModelFile
{
    private const string Magic = "ASTROLABE-MODEL-1";

    private static readonly JsonSerializerOptions s_json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Writes <paramref name="model"/> to <paramref name="path"/>.</summary>
    /// <param name="path">The destination (overwritten).</param>
    /// <param name="model">The model.</param>
    public static void Save(string path, TrainedModel model)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(model);
        string full = Path.GetFullPath(path);
        string temp = full + ".tmp";
        var header = new Header(model.TaskName, model.InputShape, model.Outputs, model.IsClassification, model.Preprocessing, model.Config.ToJson(), model.ValidationScore);
        using (var stream = File.Create(temp))
        {
            using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
            {
                w.Write(Magic);
                w.Write(JsonSerializer.Serialize(header, s_json));
            }

            Checkpoint.Save(stream, model.Network, null, model.Config.Epochs);
        }

        File.Move(temp, full, overwrite: true);
    }

    /// <summary>Reads a model.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The model, in evaluation mode.</returns>
    /// <exception cref="InvalidDataException">Not a saved model, or damaged.</exception>
    public static TrainedModel Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = File.OpenRead(path);
        try
        {
            using var r = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
            if (r.ReadString() != Magic)
            {
                throw new InvalidDataException($"{path} is not an Astrolabe model file.");
            }

            var h = JsonSerializer.Deserialize<Header>(r.ReadString(), s_json) ?? throw new InvalidDataException($"{path}: empty model header.");
            var config = ReadConfig(path, h.Config);
            var network = ModelBuilder.Build(config, h.InputShape, h.Outputs, seed: 0);
            Checkpoint.Load(stream, network, null);
            network.Eval();
            return new TrainedModel(network, config, h.Task, h.InputShape, h.Outputs, h.Classification, h.Preprocessing) { ValidationScore = h.ValidationScore };
        }
        catch (Exception e) when (e is EndOfStreamException or JsonException or ArgumentException or IOException and not FileNotFoundException)
        {
            throw new InvalidDataException($"{path} is damaged or not an Astrolabe model file: {e.Message}", e);
        }
    }

    /// <summary>The configuration, or the reason it cannot be read (e.g. a family not registered in this program) with the file's path.</summary>
    private static ModelConfig ReadConfig(string path, string json)
    {
        try
        {
            return ModelConfig.FromJson(json);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    private sealed record Header(string Task, int[] InputShape, int Outputs, bool Classification, Preprocessing Preprocessing, string Config, double? ValidationScore);
}
