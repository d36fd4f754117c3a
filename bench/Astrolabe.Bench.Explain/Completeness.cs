using System.Globalization;
using Astrolabe.ModelSearch;

/// <summary>
/// Integrated gradients' completeness error |Σ attributions − (f(x) − f(x′))| / |f(x) − f(x′)| on the first ROWS test
/// rows (logit of the predicted class, all-zeros baseline) of small trained models with ReLU and tanh activations (an
/// MLP on wine and a CNN with max pooling on digits, each trained with SEEDS seeds), for the adaptive rule at 50 steps
/// and the plain trapezoid at 50 and 200; and, on the first 60 rows, how far the attributions themselves are from a
/// 4,000-step trapezoid (Σ|a − a_ref| / Σ|a_ref|), so that a rule cannot look good on the sum alone. Prints a Markdown
/// table.
/// </summary>
internal static class Completeness
{
    private const int ReferenceRows = 60;

    public static void Run(int rows, int seeds)
    {
        Console.WriteLine("| model | activation | seed | rule | steps | median error | 90th percentile | largest | rows within 1 % | attribution error vs 4,000 steps: median | largest |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (dataset, family) in new[] { ("wine", "mlp"), ("digits", "cnn") })
        {
            var task = BuiltInTasks.Load(dataset);
            foreach (var activation in new[] { ActivationKind.Relu, ActivationKind.Tanh })
            {
                for (int seed = 1; seed <= seeds; seed++)
                {
                    var config = new ModelConfig { Family = ModelFamilies.Get(family), Channels = family == "cnn" ? [8] : [], Hidden = [32], Activation = activation, Epochs = 10, LearningRate = 3e-3 };
                    var model = ModelTraining.Fit(config, task, task.Train, null, seed);
                    int count = Math.Min(rows, task.Raw.Test.Count);
                    var references = new List<double[]>();
                    for (int row = 0; row < Math.Min(count, ReferenceRows); row++)
                    {
                        references.Add(new IntegratedGradients { Steps = 4000, Rule = IntegrationRule.Trapezoid }.Explain(model, Sample(task, row), AttributionTarget.Predicted).Values);
                    }

                    foreach (var (rule, steps) in new[] { (IntegrationRule.Adaptive, 50), (IntegrationRule.Trapezoid, 50), (IntegrationRule.Trapezoid, 200) })
                    {
                        var ig = new IntegratedGradients { Steps = steps, Rule = rule };
                        var errors = new List<double>();
                        var distances = new List<double>();
                        for (int row = 0; row < count; row++)
                        {
                            var a = ig.Explain(model, Sample(task, row), AttributionTarget.Predicted);
                            errors.Add(a.RelativeCompletenessError ?? 0);
                            if (row < references.Count)
                            {
                                distances.Add(Distance(a.Values, references[row]));
                            }
                        }

                        errors.Sort();
                        distances.Sort();
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"| {family} on {dataset} | {activation} | {seed} | {rule.Name} | {steps} | {errors[errors.Count / 2]:P2} | {errors[(int)(0.9 * (errors.Count - 1))]:P2} | {errors[^1]:P2} | {errors.Count(e => e <= 0.01)} of {errors.Count} | {distances[distances.Count / 2]:P2} | {distances[^1]:P2} |"));
                    }
                }
            }
        }
    }

    private static float[] Sample(SearchTask task, int row) =>
        task.Raw.Test.Features.AsSpan(row * task.Raw.Test.SampleSize, task.Raw.Test.SampleSize).ToArray();

    private static double Distance(double[] values, double[] reference)
    {
        double difference = 0, norm = 0;
        for (int i = 0; i < reference.Length; i++)
        {
            difference += Math.Abs(values[i] - reference[i]);
            norm += Math.Abs(reference[i]);
        }

        return difference / norm;
    }
}
