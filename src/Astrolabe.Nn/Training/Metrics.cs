namespace Astrolabe.Nn.Training;

/// <summary>Evaluation metrics computed from outputs without recording a graph.</summary>
public static class Metrics
{
    /// <summary>
    /// The number of correct predictions: arg-max over classes for outputs [B, C &gt; 1]; a positive logit means
    /// class 1 for outputs [B, 1].
    /// </summary>
    /// <param name="output">The model's outputs.</param>
    /// <param name="labels">The true classes.</param>
    /// <returns>How many rows are right.</returns>
    public static int CorrectCount(Tensor output, int[] labels)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(labels);
        int n = labels.Length;
        int c = output.Length / Math.Max(1, n);
        int correct = 0;
        for (int i = 0; i < n; i++)
        {
            var row = output.Data.AsSpan(i * c, c);
            int predicted = c == 1 ? (row[0] > 0 ? 1 : 0) : System.Numerics.Tensors.TensorPrimitives.IndexOfMax(row);
            if (predicted == labels[i])
            {
                correct++;
            }
        }

        return correct;
    }

    /// <summary>The sum of squared differences between outputs and targets.</summary>
    /// <param name="output">The predictions.</param>
    /// <param name="targets">The targets.</param>
    /// <returns>Σ (output − target)².</returns>
    public static double SumSquaredError(Tensor output, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(targets);
        double s = 0;
        for (int i = 0; i < output.Length; i++)
        {
            double d = output.Data[i] - (double)targets.Data[i];
            s += d * d;
        }

        return s;
    }
}
