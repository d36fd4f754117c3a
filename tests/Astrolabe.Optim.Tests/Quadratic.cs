namespace Astrolabe.Optim.Tests;

/// <summary>A small quadratic problem <c>Σ ½·c·(w − m)²</c> with fixed curvature and center.</summary>
internal sealed class Quadratic
{
    private readonly float[] curvature;
    private readonly float[] center;

    public Quadratic(int n, int seed = 1)
    {
        var rng = new Random(seed);
        curvature = [.. Enumerable.Range(0, n).Select(_ => (float)(0.5 + (2 * rng.NextDouble())))];
        center = [.. Enumerable.Range(0, n).Select(_ => (float)(2 * rng.NextDouble()) - 1)];
        W = new Parameter("w", [.. Enumerable.Range(0, n).Select(_ => (float)(4 * rng.NextDouble()) - 2)], new float[n], n);
    }

    public Parameter W { get; }

    /// <summary>Writes the gradient into W.Grad and returns the loss.</summary>
    public double Evaluate()
    {
        double loss = 0;
        for (int j = 0; j < W.Length; j++)
        {
            double d = W.Value[j] - center[j];
            loss += 0.5 * curvature[j] * d * d;
            W.Grad[j] = (float)(curvature[j] * d);
        }

        return loss;
    }

    public double MaxDistance() => Enumerable.Range(0, W.Length).Max(j => Math.Abs(W.Value[j] - center[j]));

    /// <summary>Runs <paramref name="steps"/> optimizer steps and returns the max distance to the center.</summary>
    public double Train(Optimizer opt, int steps)
    {
        for (int t = 0; t < steps; t++)
        {
            Evaluate();
            opt.Step();
        }

        return MaxDistance();
    }
}
