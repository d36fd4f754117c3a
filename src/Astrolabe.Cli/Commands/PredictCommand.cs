using System.CommandLine;
using System.Globalization;
using Astrolabe.ModelSearch;
using Astrolabe.Nn.Data;

namespace Astrolabe.Cli.Commands;

/// <summary>
/// <c>astrolabe predict</c>: loads a model saved by <c>demo</c> (or <see cref="TrainedModel.Save(string)"/>) and
/// predicts either the test part of a shipped dataset (printing the score) or the rows of a CSV file of raw
/// feature values (one prediction per line: the class index, or the regression value).
/// </summary>
internal static class PredictCommand
{
    public static Command Create(CliConsole console)
    {
        var model = new Option<FileInfo>("--model") { Description = "A model file written by 'astrolabe demo'.", Required = true };
        var dataset = new Option<string?>("--dataset") { Description = "Score the model on this shipped dataset's test part." };
        var input = new Option<FileInfo?>("--input") { Description = "A CSV (or gzip) file of raw samples, one per line, features only (no label column)." };
        var show = NumberOptions.WholeNumber("--show", "With --dataset: print this many individual predictions.", defaultValue: 10, min: 0);
        var command = new Command("predict", "Predict with a saved model: score a shipped dataset's test part, or label the rows of a CSV file.")
        {
            model, dataset, input, show,
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
            if (parse.GetValue(dataset) is { } name)
            {
                var task = BuiltInTasks.Load(name);
                if (task.Train.SampleSize != size || task.IsClassification != m.IsClassification)
                {
                    throw new ArgumentException($"The model was trained on '{m.TaskName}' ({size} inputs); '{task.Name}' has {task.Train.SampleSize}.");
                }

                var predictions = m.Predict(task.Raw.Test.Features);
                int shown = Math.Min(parse.GetValue(show), predictions.Length);
                for (int i = 0; i < shown; i++)
                {
                    string truth = task.IsClassification ? task.Raw.Test.Labels![i].ToString(CultureInfo.InvariantCulture) : task.Raw.Test.Targets![i].ToString("G5", CultureInfo.InvariantCulture);
                    console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sample {i}: predicted {predictions[i]:G5}, actual {truth}"));
                }

                console.Out.WriteLine($"Test {task.MetricName} on {task.Name} ({predictions.Length} samples): {SearchSummary.Score(task, Score(task, predictions))}");
                return 0;
            }

            var rows = CsvLoader.ReadRows(parse.GetValue(input)!.FullName);
            if (rows[0].Length != size)
            {
                throw new ArgumentException($"The model takes {size} features per row; the file has {rows[0].Length}.");
            }

            foreach (double p in m.Predict(rows.SelectMany(r => r).ToArray()))
            {
                console.Out.WriteLine(p.ToString("G6", CultureInfo.InvariantCulture));
            }

            return 0;
        });
        return command;
    }

    private static double Score(SearchTask task, double[] predictions)
    {
        var raw = task.Raw.Test;
        if (task.IsClassification)
        {
            return predictions.Where((p, i) => (int)p == raw.Labels![i]).Count() / (double)predictions.Length;
        }

        return Math.Sqrt(predictions.Select((p, i) => (p - raw.Targets![i]) * (p - raw.Targets[i])).Average());
    }
}
