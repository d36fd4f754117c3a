using System.CommandLine;
using Astrolabe.ModelSearch;

namespace Astrolabe.Cli.Commands;

/// <summary>
/// <c>astrolabe explain</c>: explains a model saved by <c>demo</c> on the test part of a shipped dataset, with
/// permutation importance (which features the score relies on, a table) or a per-row attribution (integrated
/// gradients with its completeness check, or gradient saliency; heat maps for images).
/// </summary>
internal static class ExplainCommand
{
    /// <summary>The baselines of integrated gradients by name: what the output prints, and the raw values (null: zeros).</summary>
    public static IReadOnlyDictionary<string, (string Description, Func<TrainedModel, float[]?> Values)> Baselines { get; } =
        new Dictionary<string, (string, Func<TrainedModel, float[]?>)>(StringComparer.Ordinal)
        {
            ["zeros"] = ("all zeros", _ => null),
            ["mean"] = ("the training mean", m => [.. Enumerable.Range(0, m.SampleSize).Select(i => m.Preprocessing.Offset[m.Preprocessing.Offset.Length == 1 ? 0 : i])]),
        };

    /// <summary>The methods by name: permutation importance, or a per-row attribution method.</summary>
    private static readonly Dictionary<string, Func<ExplainRun, IAttributionMethod?>> s_methods = new(StringComparer.Ordinal)
    {
        ["permutation"] = _ => null,
        ["integrated-gradients"] = r => new IntegratedGradients { Steps = r.Steps, Baseline = Baselines[r.Baseline].Values(r.Model) },
        ["saliency"] = _ => new GradientSaliency(),
    };

    public static Command Create(CliConsole console)
    {
        var model = new Option<FileInfo>("--model") { Description = "A model file written by 'astrolabe demo'.", Required = true };
        var dataset = new Option<string?>("--dataset") { Description = "Explain on this shipped dataset's test part (default: the one the model was trained on)." };
        var method = new Option<string>("--method") { Description = $"{string.Join(", ", s_methods.Keys)} (default permutation).", DefaultValueFactory = _ => "permutation" };
        var rows = NumberOptions.WholeNumber("--rows", "permutation: test rows scored (default all); integrated-gradients, saliency: test rows explained (default 3).", min: 1);
        var repeats = NumberOptions.WholeNumber("--repeats", "permutation: shuffles per feature.", defaultValue: 5, min: 1);
        var seed = NumberOptions.WholeNumber("--seed", "permutation: the seed of the shuffles.", defaultValue: 0);
        var cls = NumberOptions.WholeNumber("--class", "integrated-gradients, saliency: the class to explain (default: each row's predicted class).", min: 0);
        var steps = NumberOptions.WholeNumber("--steps", "integrated-gradients: gradients along the path, less one (adaptive trapezoid: half evenly spaced, half where the path turns).", defaultValue: 50, min: 1);
        var baseline = new Option<string>("--baseline") { Description = "integrated-gradients: zeros (a black image; the default) or mean (the training part's mean of each feature, which the model sees as all zeros).", DefaultValueFactory = _ => "zeros" };
        var probability = new Option<bool>("--probability") { Description = "integrated-gradients, saliency: explain the class's softmax probability instead of its logit." };
        var patch = NumberOptions.WholeNumber("--patch", "permutation on images: permute P×P patches together (1: single pixels).", defaultValue: 4, min: 1);
        var top = NumberOptions.WholeNumber("--top", "Features listed.", defaultValue: 10, min: 1);
        var output = new Option<string?>("--out") { Description = "permutation: a CSV file of every feature's drops; integrated-gradients, saliency on images: the heat maps' path prefix (default 'explanation': explanation-row0.png, .svg, ...)." };
        var command = new Command("explain", "Explain a saved model: permutation feature importance, integrated gradients or gradient saliency on a dataset's test part.")
        {
            model, dataset, method, rows, repeats, seed, cls, steps, baseline, probability, patch, top, output,
        };
        command.Validators.Add(r =>
        {
            string name = r.GetValue(method) ?? "permutation";
            if (!s_methods.ContainsKey(name))
            {
                r.AddError($"Unknown method '{name}'; choose one of: {string.Join(", ", s_methods.Keys)}.");
            }
            else if (!Baselines.ContainsKey(r.GetValue(baseline) ?? "zeros"))
            {
                r.AddError($"Unknown baseline '{r.GetValue(baseline)}'; choose one of: {string.Join(", ", Baselines.Keys)}.");
            }
            else if (name == "permutation" && (r.GetValue(cls) is not null || r.GetValue(probability)))
            {
                r.AddError("--class and --probability apply to integrated-gradients and saliency, not to permutation.");
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
            var task = BuiltInTasks.Load(parse.GetValue(dataset) ?? m.TaskName);
            if (task.Train.SampleSize != m.SampleSize || task.IsClassification != m.IsClassification)
            {
                throw new ArgumentException($"The model was trained on '{m.TaskName}' ({m.SampleSize} inputs, {Kind(m.IsClassification)}); '{task.Name}' has {task.Train.SampleSize} ({Kind(task.IsClassification)}).");
            }

            var run = new ExplainRun(m, task, parse.GetValue(rows), parse.GetValue(repeats), parse.GetValue(seed), parse.GetValue(cls), parse.GetValue(steps), parse.GetValue(baseline) ?? "zeros", parse.GetValue(probability), parse.GetValue(patch), parse.GetValue(top), parse.GetValue(output));
            if (run.Class is { } c && (!m.IsClassification || c >= m.Outputs))
            {
                throw new ArgumentException(m.IsClassification
                    ? $"--class {c} is out of range: the model has {m.Outputs} classes (0–{m.Outputs - 1})."
                    : $"--class applies to classifiers; '{m.TaskName}' is regression.");
            }

            if (m.IsClassification is false && run.Probability)
            {
                throw new ArgumentException($"--probability applies to classifiers; '{m.TaskName}' is regression.");
            }

            if (s_methods[parse.GetValue(method) ?? "permutation"](run) is { } attribution)
            {
                AttributionText.Print(console, run, attribution);
            }
            else
            {
                PermutationText.Print(console, run);
            }

            return 0;
        });
        return command;
    }

    private static string Kind(bool classification) => classification ? "classification" : "regression";
}
