using System.CommandLine;
using System.Globalization;
using Astrolabe.ModelSearch;
using Astrolabe.Nn.Data;

namespace Astrolabe.Cli.Commands;

/// <summary>
/// <c>astrolabe predict</c>: loads a model saved by <c>demo</c> (or <see cref="TrainedModel.Save(string)"/>) and
/// predicts either the test part of a shipped dataset (printing the score) or the rows of a CSV file of raw
/// feature values (one prediction per line: the class index, or the regression value). With
/// <c>--probabilities</c> a classifier's lines also carry the class probabilities. The model runs on fixed-size batches
/// whose memory is reused, so its memory does not grow with the number of rows.
/// </summary>
internal static class PredictCommand
{
    public static Command Create(CliConsole console)
    {
        var model = new Option<FileInfo>("--model") { Description = "A model file written by 'astrolabe demo'.", Required = true };
        var dataset = new Option<string?>("--dataset") { Description = "Score the model on this shipped dataset's test part." };
        var input = new Option<FileInfo?>("--input") { Description = "A CSV (or gzip) file of raw samples, one per line, features only (no label column)." };
        var show = NumberOptions.WholeNumber("--show", "With --dataset: print this many individual predictions.", defaultValue: 10, min: 0);
        var withProbabilities = new Option<bool>("--probabilities") { Description = "Classification: print the class probabilities after each prediction (--input: 'class,p0,p1,...'; --dataset: the predicted class's probability)." };
        var command = new Command("predict", "Predict with a saved model: score a shipped dataset's test part, or label the rows of a CSV file.")
        {
            model, dataset, input, show, withProbabilities,
        };
        command.Validators.Add(r =>
        {
            if ((r.GetValue(dataset) is null) == (r.GetValue(input) is null))
            {
                r.AddError("Give exactly one of --dataset NAME or --input FILE.");
            }
        });
        command.SetAction(parse =>
        {
            var file = parse.GetValue(model)!;
            if (!file.Exists)
            {
                throw new ArgumentException($"Model file '{file.FullName}' does not exist.");
            }

            var m = TrainedModel.Load(file.FullName);
            int size = m.SampleSize;
            bool probabilities = parse.GetValue(withProbabilities);
            if (probabilities && !m.IsClassification)
            {
                throw new ArgumentException($"--probabilities needs a classification model; '{file.Name}' predicts a regression target.");
            }

            if (parse.GetValue(dataset) is { } name)
            {
                // Only the test part is read and converted (the search's parts and their scaled copies are not needed).
                var test = BuiltInTasks.LoadTestPart(name);
                string canonical = BuiltInTasks.Names.First(n => n.Equals(name, StringComparison.OrdinalIgnoreCase));
                bool classification = test.Labels is not null;
                if (test.SampleSize != size || classification != m.IsClassification)
                {
                    throw new ArgumentException($"The model was trained on '{m.TaskName}' ({size} inputs); '{canonical}' has {test.SampleSize}.");
                }

                var (predictions, p) = Predict(m, test.Features, probabilities);
                int shown = Math.Min(parse.GetValue(show), predictions.Length);
                for (int i = 0; i < shown; i++)
                {
                    string truth = classification ? test.Labels![i].ToString(CultureInfo.InvariantCulture) : test.Targets![i].ToString("G5", CultureInfo.InvariantCulture);
                    string probability = probabilities ? string.Create(CultureInfo.InvariantCulture, $" (p = {p[(i * m.Outputs) + (int)predictions[i]]:F4})") : "";
                    console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sample {i}: predicted {predictions[i]:G5}{probability}, actual {truth}"));
                }

                double score = Score(test, predictions);
                string formatted = classification ? score.ToString("P2", CultureInfo.InvariantCulture) : score.ToString("G5", CultureInfo.InvariantCulture);
                console.Out.WriteLine($"Test {(classification ? "accuracy" : "rmse")} on {canonical} ({predictions.Length} samples): {formatted}");
                return 0;
            }

            var rows = CsvLoader.ReadRows(parse.GetValue(input)!.FullName);
            if (rows[0].Length != size)
            {
                throw new ArgumentException($"The model takes {size} features per row; the file has {rows[0].Length}.");
            }

            var (values, probs) = Predict(m, rows.SelectMany(r => r).ToArray(), probabilities);
            for (int i = 0; i < values.Length; i++)
            {
                string line = values[i].ToString("G6", CultureInfo.InvariantCulture);
                if (probabilities)
                {
                    line += "," + string.Join(",", probs.Skip(i * m.Outputs).Take(m.Outputs).Select(v => v.ToString("G6", CultureInfo.InvariantCulture)));
                }

                console.Out.WriteLine(line);
            }

            return 0;
        });
        return command;
    }

    /// <summary>The predictions of the rows and, when asked, their class probabilities (else an empty array).</summary>
    private static (double[] Predictions, float[] Probabilities) Predict(TrainedModel model, float[] raw, bool probabilities)
    {
        var predictions = new double[raw.Length / model.SampleSize];
        var p = probabilities ? new float[predictions.Length * model.Outputs] : [];
        model.Predict(raw, predictions, p);
        return (predictions, p);
    }

    private static double Score(Dataset raw, double[] predictions)
    {
        if (raw.Labels is not null)
        {
            return predictions.Where((p, i) => (int)p == raw.Labels![i]).Count() / (double)predictions.Length;
        }

        return Math.Sqrt(predictions.Select((p, i) => (p - raw.Targets![i]) * (p - raw.Targets[i])).Average());
    }
}
