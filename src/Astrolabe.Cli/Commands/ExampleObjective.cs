namespace Astrolabe.Cli.Commands;

/// <summary>
/// A synthetic example objective (the worker's default): a conditional, mixed space whose optimum is known. The family
/// "branin" minimises the Branin function (global minimum ≈ 0.397887) over two floats; the family
/// "quadratic" a shifted quadratic over an integer and a log-scaled float (minimum 0.5).
/// </summary>
internal static class ExampleObjective
{
    public static Task<double> EvaluateAsync(Trial trial, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        string family = trial.SuggestCategorical("family", ["branin", "quadratic"]);
        double value;
        if (family == "branin")
        {
            double x1 = trial.SuggestFloat("x1", -5, 10);
            double x2 = trial.SuggestFloat("x2", 0, 15);
            double b = 5.1 / (4 * Math.PI * Math.PI), c = 5 / Math.PI, t = 1 / (8 * Math.PI);
            value = Math.Pow(x2 - (b * x1 * x1) + (c * x1) - 6, 2) + (10 * (1 - t) * Math.Cos(x1)) + 10;
        }
        else
        {
            int n = trial.SuggestInt("n", 1, 16);
            double scale = trial.SuggestFloat("scale", 1e-3, 1e3, log: true);
            value = 0.5 + (0.1 * (n - 9) * (n - 9)) + Math.Pow(Math.Log10(scale) - 1, 2);
        }

        return Task.FromResult(value);
    }
}
