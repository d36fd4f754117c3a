using Astrolabe.ModelSearch;
using Google.Protobuf;
using Onnx;

namespace Astrolabe.Onnx;

/// <summary>
/// Writes trained models as ONNX files that any ONNX runtime scores without Astrolabe: <c>model.ExportOnnx("m.onnx")</c>.
/// </summary>
/// <remarks>
/// The graph takes raw samples, <c>input</c> [N, ...<see cref="TrainedModel.InputShape"/>] (float, N symbolic), applies the
/// preprocessing the model was trained with, then the network in its evaluation form (dense layers as Gemm, convolutions,
/// pooling, batch normalisation with running statistics, layer normalisation, the activations; dropout removed). An
/// int8 model (<see cref="TrainedModel.Quantized"/>) is written as a QDQ graph: its activations pass through
/// QuantizeLinear/DequantizeLinear pairs with the network's uint8 ranges and its int8 weights through per-channel
/// DequantizeLinear, which runtimes fuse into integer kernels; layers it runs in fp32 are written as above. A
/// classification model outputs <c>logits</c> and <c>probabilities</c> (softmax over the classes), both [N, classes],
/// as <see cref="TrainedModel.PredictProbabilities"/> computes them; a regression model outputs <c>prediction</c>
/// [N, outputs] in the target's units, as <see cref="TrainedModel.Predict(ReadOnlySpan{float})"/>. The file records the
/// producer, the task, the structure and the model's configuration in its metadata.
/// </remarks>
public static class OnnxExport
{
    /// <summary>
    /// Writes <paramref name="model"/> to <paramref name="path"/> as an ONNX model (IR version 8 up to opset 18; the
    /// IR version that introduced the opset above). The file appears whole or not at all: it is written next to its
    /// destination, then moved over it.
    /// </summary>
    /// <param name="model">The model: fp32, bf16/fp16 storage (exported as the fp32 values of its rounded weights), or int8 (a QDQ graph; opset 13 or later).</param>
    /// <param name="path">The destination (overwritten).</param>
    /// <param name="options">The opset (default 17).</param>
    /// <exception cref="ArgumentException">An unsupported opset, a layer the opset cannot express (layer normalisation below opset 17; the message names the layer), or an empty path.</exception>
    /// <exception cref="NotSupportedException">A layer type with no ONNX form.</exception>
    /// <exception cref="IOException">The destination cannot be written (missing folder, no permission: <see cref="UnauthorizedAccessException"/>).</exception>
    public static void ExportOnnx(this TrainedModel model, string path, OnnxExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var bytes = ToOnnx(model, options).ToByteArray();
        Write(Path.GetFullPath(path), bytes);
    }

    /// <summary>The ONNX model of <paramref name="model"/>, as <see cref="ExportOnnx"/> writes it.</summary>
    internal static ModelProto ToOnnx(TrainedModel model, OnnxExportOptions? options)
    {
        options ??= new OnnxExportOptions();
        options.Validate();
        var proto = model.Quantized is { } quantized
            ? ModelGraph.Build((graph, x) => QuantizedExport.Write(quantized, graph, model.InputShape, x), model.InputShape, model.Outputs, model.IsClassification, model.Preprocessing, options.Opset, GraphName(model.TaskName))
            : ModelGraph.Build(model.Network, model.InputShape, model.Outputs, model.IsClassification, model.Preprocessing, options.Opset, GraphName(model.TaskName));
        ModelMetadata.Describe(proto, model);
        return proto;
    }

    /// <summary>The node count, opset and IR version of an ONNX file (for the command line's summary).</summary>
    internal static (int Nodes, long Opset, long IrVersion) Summarize(string path)
    {
        var proto = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        return (proto.Graph.Node.Count, proto.OpsetImport.Where(o => o.Domain.Length == 0).Select(o => o.Version).FirstOrDefault(), proto.IrVersion);
    }

    private static string GraphName(string task) =>
        "astrolabe_" + new string([.. task.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_')]);

    private static void Write(string path, byte[] bytes)
    {
        string? folder = Path.GetDirectoryName(path);
        if (folder is not null && !Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Cannot write '{path}': the folder '{folder}' does not exist.");
        }

        if (Directory.Exists(path))
        {
            throw new IOException($"Cannot write '{path}': it is a folder.");
        }

        string temp = $"{path}.{Environment.ProcessId}.tmp";
        try
        {
            File.WriteAllBytes(temp, bytes);
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
