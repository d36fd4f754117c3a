using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Astrolabe.Nn;
using Astrolabe.Nn.Training;

namespace Astrolabe.ModelSearch;

/// <summary>
/// The saved-model format. Version 2: the magic string <c>ASTROLABE-MODEL-2</c>, a JSON header (task, input shape,
/// outputs, kind, preprocessing, configuration, validation score, precision), the payload's length, the payload, and
/// its SHA-256, so a damaged or truncated file is refused instead of loaded wrong. The payload holds the weights: an
/// Astrolabe.Nn checkpoint (fp32), the arrays with parameters in 16 bits (bfloat16, float16), or the quantised steps
/// plus the fp32 parameters of the layers that run in fp32 (int8). Version 1 files (magic <c>ASTROLABE-MODEL-1</c>,
/// header, fp32 checkpoint, no checksum) are still read. Written to a temporary file and renamed, so a crash never
/// leaves a half-written model behind.
/// </summary>
public static class ModelFile
{
    private const string MagicV1 = "ASTROLABE-MODEL-1";
    private const string Magic = "ASTROLABE-MODEL-2";
    private const int HashBytes = 32;

    private static readonly JsonSerializerOptions s_json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Writes <paramref name="model"/> to <paramref name="path"/> in its <see cref="TrainedModel.Precision"/>.</summary>
    /// <param name="path">The destination (overwritten).</param>
    /// <param name="model">The model.</param>
    /// <exception cref="ArgumentException">A weight the precision cannot hold (beyond float16's range).</exception>
    public static void Save(string path, TrainedModel model)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(model);
        string full = Path.GetFullPath(path);
        var header = new Header(model.TaskName, model.InputShape, model.Outputs, model.IsClassification, model.Preprocessing, model.Config.ToJson(), model.ValidationScore, model.Precision);
        using var payload = new MemoryStream();
        WritePayload(payload, model);
        byte[] hash = SHA256.HashData(payload.GetBuffer().AsSpan(0, (int)payload.Length));
        string temp = full + ".tmp";
        try
        {
            using (var stream = File.Create(temp))
            using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
            {
                w.Write(Magic);
                w.Write(JsonSerializer.Serialize(header, s_json));
                w.Write(payload.Length);
                w.Write(payload.GetBuffer(), 0, (int)payload.Length);
                w.Write(hash);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    private static void WritePayload(Stream payload, TrainedModel model)
    {
        using var w = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true);
        switch (model.Precision)
        {
            case ModelPrecision.QInt8:
                var q = model.Quantized!;
                var floatLayers = q.FloatLayerIndices.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".").ToArray();
                WeightArrays.Write(w, WeightArrays.Of(model.Network, name => floatLayers.Any(p => name.StartsWith(p, StringComparison.Ordinal))), ModelPrecision.Fp32);
                w.Flush();
                q.Save(payload);
                break;
            case ModelPrecision.Bf16 or ModelPrecision.Fp16:
                WeightArrays.Write(w, WeightArrays.Of(model.Network), model.Precision);
                break;
            default:
                w.Flush();
                Checkpoint.Save(payload, model.Network, null, model.Config.Epochs);
                break;
        }
    }

    /// <summary>Reads a model.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The model, in evaluation mode.</returns>
    /// <exception cref="InvalidDataException">Not a saved model, damaged (checksum), truncated, or from a newer format.</exception>
    public static TrainedModel Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = File.OpenRead(path);
        try
        {
            using var r = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
            string magic = r.ReadString();
            if (magic != Magic && magic != MagicV1)
            {
                throw new InvalidDataException($"{path} is not an Astrolabe model file.");
            }

            var h = JsonSerializer.Deserialize<Header>(r.ReadString(), s_json) ?? throw new InvalidDataException($"{path}: empty model header.");
            var config = ReadConfig(path, h.Config);
            var network = ModelBuilder.Build(config, h.InputShape, h.Outputs, seed: 0);
            QuantizedNetwork? quantized = null;
            if (magic == MagicV1)
            {
                Checkpoint.Load(stream, network, null);
            }
            else
            {
                using var payload = new MemoryStream(ReadVerifiedPayload(r, stream, path), writable: false);
                quantized = ReadPayload(payload, network, h.Precision);
            }

            network.Eval();
            return new TrainedModel(network, config, h.Task, h.InputShape, h.Outputs, h.Classification, h.Preprocessing, h.Precision, quantized) { ValidationScore = h.ValidationScore };
        }
        catch (Exception e) when (e is EndOfStreamException or JsonException or ArgumentException or IOException and not FileNotFoundException)
        {
            throw new InvalidDataException($"{path} is damaged or not an Astrolabe model file: {e.Message}", e);
        }
    }

    private static byte[] ReadVerifiedPayload(BinaryReader r, Stream stream, string path)
    {
        long length = r.ReadInt64();
        if (length < 0 || length > stream.Length - stream.Position - HashBytes)
        {
            throw new InvalidDataException($"{path} is truncated: its header announces {length} bytes of weights and a checksum, the file has {stream.Length - stream.Position} bytes left.");
        }

        byte[] payload = r.ReadBytes((int)length);
        byte[] hash = r.ReadBytes(HashBytes);
        if (!SHA256.HashData(payload).AsSpan().SequenceEqual(hash))
        {
            throw new InvalidDataException($"{path} is damaged: the checksum of its weights does not match.");
        }

        return payload;
    }

    private static QuantizedNetwork? ReadPayload(Stream payload, Sequential network, ModelPrecision precision)
    {
        using var r = new BinaryReader(payload, Encoding.UTF8, leaveOpen: true);
        switch (precision)
        {
            case ModelPrecision.QInt8:
                WeightArrays.Read(r, network, ModelPrecision.Fp32, requireAll: false);
                return QuantizedNetwork.Load(payload, network);
            case ModelPrecision.Bf16 or ModelPrecision.Fp16:
                WeightArrays.Read(r, network, precision, requireAll: true);
                return null;
            case ModelPrecision.Fp32:
                Checkpoint.Load(payload, network, null);
                return null;
            default:
                throw new InvalidDataException($"Unknown weight precision {precision}.");
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

    private sealed record Header(string Task, int[] InputShape, int Outputs, bool Classification, Preprocessing Preprocessing, string Config, double? ValidationScore, ModelPrecision Precision = ModelPrecision.Fp32);
}
