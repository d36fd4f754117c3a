using System.Numerics.Tensors;

namespace Astrolabe.Nn;

public static partial class Functional
{
    /// <summary>
    /// Cross-entropy of logits [N, C] against class indices with per-class weights, an ignored target value and label
    /// smoothing, reduced as PyTorch's weighted mean: with <c>D = Σᵢ w[yᵢ]</c> over the rows not ignored,
    /// <c>loss = Σᵢ [(1 − ε)·w[yᵢ]·(−log pᵢ,yᵢ) + (ε/C)·Σ_c w_c·(−log pᵢ,c)] / D</c>.
    /// </summary>
    /// <remarks>
    /// When every target is ignored, D = 0 and the loss is NaN, as in PyTorch; the ignored rows' gradient is 0.
    /// </remarks>
    /// <param name="logits">The unnormalised scores [N, C].</param>
    /// <param name="targets">N class indices in [0, C), or <see cref="CrossEntropyOptions.IgnoreIndex"/>.</param>
    /// <param name="options">Weights, ignored index, smoothing.</param>
    /// <returns>The scalar loss.</returns>
    /// <exception cref="ArgumentException">The weights are not C long, ε is outside [0, 1], or the batch sizes differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A target (not ignored) is outside [0, C).</exception>
    public static Tensor CrossEntropy(Tensor logits, int[] targets, CrossEntropyOptions options)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(options);
        Shapes.RequireRank(logits, 2, "CrossEntropy", "logits [N, C]");
        int n = logits.Dim(0), c = logits.Dim(1);
        RequireBatch(n, targets.Length, "CrossEntropy");
        float[] w = ClassWeights(options, c);
        float eps = options.LabelSmoothing;
        if (!(eps >= 0 && eps <= 1))
        {
            throw new ArgumentException($"CrossEntropy: label smoothing must be in [0, 1], got {eps}.", nameof(options));
        }

        float wSum = TensorPrimitives.Sum<float>(w);
        var logp = TensorMemory.Output(logits.Length);
        double total = 0, denominator = 0;
        for (int i = 0; i < n; i++)
        {
            int t = targets[i];
            if (t == options.IgnoreIndex)
            {
                continue;
            }

            if ((uint)t >= (uint)c)
            {
                throw new ArgumentOutOfRangeException(nameof(targets), $"CrossEntropy: target {t} of row {i} is outside [0, {c}) and is not the ignored index {options.IgnoreIndex}.");
            }

            var row = logp.AsSpan(i * c, c);
            LogSoftmaxRow(logits.Data.AsSpan(i * c, c), row);
            double smooth = 0;
            for (int k = 0; k < c; k++)
            {
                smooth -= (double)w[k] * row[k];
            }

            total += ((1 - eps) * w[t] * -(double)row[t]) + (eps / c * smooth);
            denominator += w[t];
        }

        return Tensor.FromOp([(float)(total / denominator)], [], o =>
        {
            // d/dz_k of the row's term: (1 − ε)·w_t·(p_k − δ_kt) + (ε/C)·(W·p_k − w_k), all over D.
            float scale = (float)(o.Grad![0] / denominator);
            var gx = logits.GradBuffer();
            for (int i = 0; i < n; i++)
            {
                int t = targets[i];
                if (t == options.IgnoreIndex)
                {
                    continue;
                }

                var lp = logp.AsSpan(i * c, c);
                var g = gx.AsSpan(i * c, c);
                float onTarget = (1 - eps) * w[t], smoothing = eps / c;
                for (int k = 0; k < c; k++)
                {
                    float p = MathF.Exp(lp[k]);
                    float d = (onTarget * (p - (k == t ? 1f : 0f))) + (smoothing * ((wSum * p) - w[k]));
                    g[k] += scale * d;
                }
            }
        }, logits);
    }

    private static float[] ClassWeights(CrossEntropyOptions options, int classes)
    {
        if (options.Weight is not { } weight)
        {
            var ones = new float[classes];
            Array.Fill(ones, 1f);
            return ones;
        }

        return weight.Count == classes
            ? [.. weight]
            : throw new ArgumentException($"CrossEntropy: {weight.Count} class weights for {classes} classes.", nameof(options));
    }
}
