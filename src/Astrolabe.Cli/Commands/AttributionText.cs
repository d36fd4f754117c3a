using System.Globalization;
using Astrolabe.ModelSearch;

namespace Astrolabe.Cli.Commands;

/// <summary>
/// Per-row attributions for <c>explain</c>: each row's label and prediction, the explained output, the completeness
/// check (integrated gradients), the top features, and for images the heat maps written.
/// </summary>
internal static class AttributionText
{
    private const int DefaultRows = 3;

    public static void Print(CliConsole console, ExplainRun run, IAttributionMethod method)
    {
        var task = run.Task;
        var test = task.Raw.Test;
        int n = Math.Min(run.Rows ?? DefaultRows, test.Count);
        var target = new AttributionTarget(run.Class, run.Probability);
        string output = !task.IsClassification ? "the predicted value" : (run.Class is { } c ? $"class {c}'s" : "the predicted class's") + (run.Probability ? " probability" : " logit");
        string how = method is IntegratedGradients ig ? string.Create(CultureInfo.InvariantCulture, $"Integrated gradients ({ig.Steps} steps, {ig.Rule.Name} rule, baseline {ExplainCommand.Baselines[run.Baseline].Description})") : "Gradient saliency";
        console.Out.WriteLine($"{how} of {output} on {task.Name} test {(n == 1 ? "row 0" : $"rows 0–{n - 1}")}:");
        var errors = new List<double>();
        for (int row = 0; row < n; row++)
        {
            var sample = test.Features.AsSpan(row * test.SampleSize, test.SampleSize).ToArray();
            var a = method.Explain(run.Model, sample, target);
            double predicted = run.Model.Predict(sample)[0];
            string truth = task.IsClassification
                ? string.Create(CultureInfo.InvariantCulture, $"label {test.Labels![row]}, predicted {predicted:G5}")
                : string.Create(CultureInfo.InvariantCulture, $"target {test.Targets![row * test.TargetWidth]:G5}, predicted {predicted:G5}");
            string explained = a.TargetClass is { } k ? string.Create(CultureInfo.InvariantCulture, $"class {k}: ") : "";
            if (a.BaselineOutput is { } b)
            {
                string error = a.RelativeCompletenessError is { } e ? string.Create(CultureInfo.InvariantCulture, $"completeness error {e:P2}") : "f(x) = f(baseline)";
                console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"row {row}: {truth}; {explained}f(x) = {a.Output:G5}, f(baseline) = {b:G5}, sum of attributions = {a.Sum:G5} vs f(x) − f(baseline) = {a.Output - b:G5} ({error})"));
                if (a.RelativeCompletenessError is { } re)
                {
                    errors.Add(re);
                }
            }
            else
            {
                console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"row {row}: {truth}; {explained}f(x) = {a.Output:G5}"));
            }

            var shape = task.InputShape;
            console.Out.WriteLine("  top: " + string.Join(", ", a.Top(run.Top).Select(i => string.Create(CultureInfo.InvariantCulture, $"{FeatureGroup.NameOf(shape, i)} {(a.Values[i] >= 0 ? "+" : "")}{a.Values[i]:G4}"))));
            if (task.IsImage)
            {
                string prefix = string.Create(CultureInfo.InvariantCulture, $"{run.Out ?? "explanation"}-row{row}");
                HeatMap.WritePng(prefix + ".png", sample, a);
                HeatMap.WriteSvg(prefix + ".svg", sample, a);
                console.Out.WriteLine($"  heat map: {prefix}.png, {prefix}.svg");
            }
        }

        if (errors.Count > 0)
        {
            errors.Sort();
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Completeness error over {errors.Count} rows: median {errors[errors.Count / 2]:P2}, largest {errors[^1]:P2}."));
            if (errors[^1] > 0.01)
            {
                console.Out.WriteLine("  Above 1 %: ReLU and max-pooling kinks on the path leave an error that more --steps lower (it is largest where f(x) − f(baseline) is small).");
            }
        }
    }
}
