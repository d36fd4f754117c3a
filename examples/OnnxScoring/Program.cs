// Scores the rows of a CSV file (raw feature values, comma-separated, no label column) with a model exported by
// `astrolabe export-onnx`, with ONNX Runtime alone: prints each row's predicted class and class probabilities.
// Run: dotnet run --project examples/OnnxScoring -- wine.onnx rows.csv
using System.Globalization;
using Microsoft.ML.OnnxRuntime;

using var session = new InferenceSession(args[0]);
var rows = File.ReadLines(args[1]).Where(line => line.Trim().Length > 0)
    .Select(line => line.Split(',').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
long[] shape = [rows.Length, .. session.InputMetadata["input"].Dimensions.Skip(1).Select(d => (long)d)];
using var input = OrtValue.CreateTensorValueFromMemory(rows.SelectMany(r => r).ToArray(), shape);
using var runOptions = new RunOptions();
using var outputs = session.Run(runOptions, ["input"], [input], ["probabilities"]);
var probabilities = outputs[0].GetTensorDataAsSpan<float>().ToArray();
int classes = probabilities.Length / rows.Length;
for (int i = 0; i < rows.Length; i++)
{
    var p = probabilities[(i * classes)..((i + 1) * classes)];
    Console.WriteLine($"row {i}: class {Array.IndexOf(p, p.Max())}, probabilities {string.Join(" ", p.Select(v => v.ToString("F4", CultureInfo.InvariantCulture)))}");
}
