using System.CommandLine;
using System.Globalization;
using Astrolabe.ModelSearch;
using Astrolabe.Nn;
using Astrolabe.Nn.Data;

namespace Astrolabe.Cli.Commands;

/// <summary>
/// <c>astrolabe quantize</c>: post-training static quantisation of a saved fp32 model (or 16-bit storage with
/// <c>--precision bf16|fp16</c>). Calibration uses the first <c>--calibration</c> rows of the training part of the
/// model's dataset (or <c>--dataset</c>), or the raw rows of <c>--calibration-csv</c>; both models are then scored on
/// that dataset's test part. The last two lines are always <c>fp32: test accuracy A %, B bytes</c> and
/// <c>int8: test accuracy C %, D bytes</c> (bytes of the two files; <c>test rmse</c> for regression models). Nothing is
/// written when an argument is wrong, and the output file appears whole or not at all.
/// </summary>
internal static class QuantizeCommand
{
    public static Command Create(CliConsole console)
    {
        var model = new Option<FileInfo>("--model") { Description = "An fp32 model file written by 'astrolabe demo' (or TrainedModel.Save).", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Where to write the quantised model.", Required = true };
        var calibration = NumberOptions.WholeNumber("--calibration", "Calibration rows (taken from the start of the dataset's training part, or of the CSV file).", defaultValue: 512, min: 1);
        var method = new Option<string>("--method") { Description = "Activation ranges: minmax (no clipping) or histogram (99.99th percentile at each end).", DefaultValueFactory = _ => "minmax" };
        method.AcceptOnlyFromAmong("minmax", "histogram");
        var precision = new Option<string>("--precision") { Description = "int8 (quantised weights and compute), or bf16/fp16 (16-bit weight storage, fp32 compute).", DefaultValueFactory = _ => "int8" };
        precision.AcceptOnlyFromAmong("int8", "bf16", "fp16");
        var dataset = new Option<string?>("--dataset") { Description = "The shipped dataset to calibrate on and to score with (default: the model's own)." };
        var csv = new Option<FileInfo?>("--calibration-csv") { Description = "A CSV (or gzip) file of raw samples to calibrate on, features only; scoring uses the model's dataset." };
        var command = new Command("quantize", "Quantise a saved model to int8 (or store it in 16 bits) and compare it with the fp32 model.")
        {
            model, output, calibration, method, precision, dataset, csv,
        };
        command.Validators.Add(r =>
        {
            if (r.GetValue(dataset) is not null && r.GetValue(csv) is not null)
            {
                r.AddError("Give at most one of --dataset NAME or --calibration-csv FILE.");
            }
        });
        command.SetAction(parse =>
        {
            var file = parse.GetValue(model)!;
            if (!file.Exists)
            {
                throw new ArgumentException($"Model file '{file.FullName}' does not exist.");
            }

            var fp32 = TrainedModel.Load(file.FullName);
            if (fp32.Precision != ModelPrecision.Fp32)
            {
                throw new ArgumentException($"'{file.Name}' is already a {ModelPrecisions.Name(fp32.Precision)} model; quantise the fp32 model it came from.");
            }

            var outFile = parse.GetValue(output)!;
            if (outFile.Directory is { Exists: false } folder)
            {
                throw new ArgumentException($"The output folder '{folder.FullName}' does not exist.");
            }

            string name = parse.GetValue(dataset) ?? fp32.TaskName;
            var task = BuiltInTasks.Load(name);
            if (task.Raw.Train.SampleSize != fp32.SampleSize || task.IsClassification != fp32.IsClassification)
            {
                throw new ArgumentException($"The model was trained on '{fp32.TaskName}' ({fp32.SampleSize} inputs); '{task.Name}' has {task.Raw.Train.SampleSize}.");
            }

            int rows = parse.GetValue(calibration);
            var calibrationRows = parse.GetValue(csv) is { } csvFile ? CsvRows(csvFile, fp32.SampleSize, rows) : Head(task.Raw.Train.Features, fp32.SampleSize, rows);
            var converted = parse.GetValue(precision) switch
            {
                "bf16" => fp32.WithPrecision(ModelPrecision.Bf16),
                "fp16" => fp32.WithPrecision(ModelPrecision.Fp16),
                _ => fp32.Quantize(calibrationRows, new QuantizationOptions { Method = parse.GetValue(method) == "histogram" ? CalibrationMethod.Histogram : CalibrationMethod.MinMax }),
            };
            converted.Save(outFile.FullName);
            if (converted.Quantized is { } q)
            {
                console.Out.WriteLine($"Calibrated on {calibrationRows.Length / fp32.SampleSize} rows ({parse.GetValue(method)}); {q.Int8Layers} int8 layers, {q.FloatLayers} fp32 layers:");
                foreach (string step in q.Steps)
                {
                    console.Out.WriteLine("  " + step);
                }
            }

            console.Out.WriteLine($"Wrote {outFile.FullName}");
            var test = task.Test;
            console.Out.WriteLine(Line("fp32", fp32, test, new FileInfo(file.FullName).Length));
            console.Out.WriteLine(Line(ModelPrecisions.Name(converted.Precision), converted, test, new FileInfo(outFile.FullName).Length));
            return 0;
        });
        return command;
    }

    private static string Line(string label, TrainedModel model, Dataset scaledTest, long bytes)
    {
        double score = model.Score(scaledTest);
        return model.IsClassification
            ? string.Create(CultureInfo.InvariantCulture, $"{label}: test accuracy {score * 100:F2} %, {bytes} bytes")
            : string.Create(CultureInfo.InvariantCulture, $"{label}: test rmse {score:G5}, {bytes} bytes");
    }

    private static float[] Head(float[] features, int size, int rows) => features.AsSpan(0, Math.Min(rows, features.Length / size) * size).ToArray();

    private static float[] CsvRows(FileInfo file, int size, int rows)
    {
        if (!file.Exists)
        {
            throw new ArgumentException($"Calibration file '{file.FullName}' does not exist.");
        }

        var read = CsvLoader.ReadRows(file.FullName);
        if (read.Count == 0 || read[0].Length != size)
        {
            throw new ArgumentException($"The model takes {size} features per row; '{file.Name}' has {(read.Count == 0 ? 0 : read[0].Length)}.");
        }

        return read.Take(rows).SelectMany(r => r).ToArray();
    }
}
