using System.CommandLine;
using Astrolabe.ModelSearch;
using Astrolabe.Onnx;

namespace Astrolabe.Cli.Commands;

/// <summary>
/// <c>astrolabe export-onnx</c>: writes a saved fp32, bf16/fp16 or int8 (as a QDQ graph) model as an ONNX file (<see cref="OnnxExport"/>) that
/// takes raw rows and outputs <c>logits</c> and <c>probabilities</c> (classification) or <c>prediction</c> (regression),
/// then prints one summary line: nodes, opset, bytes, path. A missing or damaged model file, a missing
/// output folder, an unsupported opset or a layer the opset cannot express is an error (exit 2) and writes nothing.
/// </summary>
internal static class ExportOnnxCommand
{
    public static Command Create(CliConsole console)
    {
        var model = new Option<FileInfo>("--model") { Description = "A model file written by 'astrolabe demo' (or TrainedModel.Save): fp32, bf16, fp16 or int8.", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Where to write the ONNX model (.onnx); an existing file is replaced.", Required = true };
        var opset = NumberOptions.WholeNumber(
            "--opset",
            $"The ONNX operator set, {OnnxExportOptions.MinOpset} to {OnnxExportOptions.MaxOpset} (layer normalisation needs {OnnxExportOptions.LayerNormalizationOpset} or later).",
            defaultValue: new OnnxExportOptions().Opset);
        var command = new Command("export-onnx", "Write a saved model as an ONNX file that takes raw rows, with the model's preprocessing in the graph.")
        {
            model, output, opset,
        };
        command.SetAction(parse =>
        {
            var options = new OnnxExportOptions { Opset = parse.GetValue(opset) };
            options.Validate();
            var file = parse.GetValue(model)!;
            if (!file.Exists)
            {
                throw new ArgumentException($"Model file '{file.FullName}' does not exist.");
            }

            var outFile = parse.GetValue(output)!;
            if (outFile.Directory is { Exists: false } folder)
            {
                throw new ArgumentException($"The output folder '{folder.FullName}' does not exist.");
            }

            var trained = TrainedModel.Load(file.FullName);
            try
            {
                trained.ExportOnnx(outFile.FullName, options);
            }
            catch (NotSupportedException e)
            {
                throw new ArgumentException(e.Message, e);
            }

            var written = OnnxExport.Summarize(outFile.FullName);
            string outputs = trained.IsClassification ? "'logits', 'probabilities'" : "'prediction'";
            console.Out.WriteLine(
                $"Wrote {outFile.FullName}: {written.Nodes} nodes, opset {written.Opset} (IR version {written.IrVersion}), {new FileInfo(outFile.FullName).Length} bytes; "
                + $"input 'input' [N, {string.Join(", ", trained.InputShape)}] of raw values, outputs {outputs} [N, {trained.Outputs}].");
            return 0;
        });
        return command;
    }
}
