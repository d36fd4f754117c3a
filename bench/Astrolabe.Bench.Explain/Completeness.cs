using System.Globalization;
using Astrolabe.ModelSearch;

/// <summary>
/// Integrated gradients' completeness error |Σ attributions − (f(x) − f(x′))| / |f(x) − f(x′)| on the first ROWS test
/// rows (logit of the predicted class, all-zeros baseline, trapezoid rule) of small trained models with ReLU and tanh
/// activations: an MLP on wine and a CNN (with max pooling) on digits, at 50 and 200 steps. Prints a Markdown table.
/// </summary>
internal static class Completeness
{
    public static void Run(int rows)
    {
        Console.WriteLine($"| model | activation | steps | median error | 90th percentile | largest | rows within 1 % |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var (dataset, family) in new[] { ("wine", "mlp"), ("digits", "cnn") })
        {
            var task = BuiltInTasks.Load(dataset);
            foreach (var activation in new[] { ActivationKind.Relu, ActivationKind.Tanh })
            {
                var config = new ModelConfig { Family = ModelFamilies.Get(family), Channels = family == "cnn" ? [8] : [], Hidden = [32], Activation = activation, Epochs = 10, LearningRate = 3e-3 };
                var model = ModelTraining.Fit(config, task, task.Train, null, seed: 1);
                foreach (int steps in new[] { 50, 200 })
                {
                    var ig = new IntegratedGradients { Steps = steps };
                    var errors = new List<double>();
                    for (int row = 0; row < Math.Min(rows, task.Raw.Test.Count); row++)
                    {
                        var sample = task.Raw.Test.Features.AsSpan(row * task.Raw.Test.SampleSize, task.Raw.Test.SampleSize);
                        errors.Add(ig.Explain(model, sample, AttributionTarget.Predicted).RelativeCompletenessError ?? 0);
                    }

                    errors.Sort();
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {family} on {dataset} | {activation} | {steps} | {errors[errors.Count / 2]:P2} | {errors[(int)(0.9 * (errors.Count - 1))]:P2} | {errors[^1]:P2} | {errors.Count(e => e <= 0.01)} of {errors.Count} |"));
                }
            }
        }
    }
}
