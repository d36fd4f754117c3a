using System.Numerics.Tensors;

namespace Astrolabe.Nn;

public static partial class Functional
{
    /// <summary>
    /// Mean cross-entropy of logits [N, C] against class indices, with optional label smoothing ε (PyTorch:
    /// the target distribution is (1 − ε)·one-hot + ε/C).
    /// </summary>
    /// <param name="logits">The unnormalised scores [N, C].</param>
    /// <param name="targets">N class indices in [0, C).</param>
    /// <param name="labelSmoothing">ε in [0, 1].</param>
    /// <returns>The scalar loss.</returns>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0027", Justification = "Shipped signature, unchanged; the overload taking CrossEntropyOptions has no optional parameter and a different type in its place.")]
    public static Tensor CrossEntropy(Tensor logits, int[] targets, float labelSmoothing = 0f)
    {
        ArgumentNullException.ThrowIfNull(targets);
        Shapes.RequireRank(logits, 2, "CrossEntropy", "logits [N, C]");
        int n = logits.Dim(0), c = logits.Dim(1);
        RequireBatch(n, targets.Length, "CrossEntropy");
        var logp = TensorMemory.Output(logits.Length);
        double loss = 0;
        float off = labelSmoothing / c, on = 1f - labelSmoothing + off;
        for (int i = 0; i < n; i++)
        {
            int t = targets[i];
            if ((uint)t >= (uint)c)
            {
                throw new ArgumentOutOfRangeException(nameof(targets), $"CrossEntropy: target {t} of row {i} is outside [0, {c}).");
            }

            var row = logp.AsSpan(i * c, c);
            LogSoftmaxRow(logits.Data.AsSpan(i * c, c), row);
            double sumRow = 0;
            foreach (float v in row)
            {
                sumRow += v;
            }

            loss -= ((1 - labelSmoothing) * row[t]) + (off * sumRow);
        }

        return Tensor.FromOp(TensorMemory.Scalar((float)(loss / n)), [], o =>
        {
            // d loss / d logits = (softmax − q) / N, q the smoothed one-hot target.
            float scale = o.Grad![0] / n;
            var gx = logits.GradBuffer();
            Span<float> probs = TensorMemory.Output(logp.Length);
            TensorPrimitives.Exp(logp, probs);
            for (int i = 0; i < n; i++)
            {
                var row = probs.Slice(i * c, c);
                if (off != 0)
                {
                    TensorPrimitives.Subtract(row, off, row);
                }

                row[targets[i]] -= on - off;
                TensorPrimitives.MultiplyAdd(row, scale, gx.AsSpan(i * c, c), gx.AsSpan(i * c, c));
            }
        }, logits);
    }

    /// <summary>
    /// Mean binary cross-entropy of logits against 0/1 (or soft) targets, computed stably:
    /// <c>max(x, 0) − x·t + log(1 + e^−|x|)</c>.
    /// </summary>
    /// <param name="logits">The logits.</param>
    /// <param name="targets">The targets, same length.</param>
    /// <returns>The scalar loss.</returns>
    public static Tensor BceWithLogits(Tensor logits, Tensor targets)
    {
        RequireBatch(logits.Length, targets.Length, "BceWithLogits");
        int n = logits.Length;
        double loss = 0;
        for (int i = 0; i < n; i++)
        {
            double x = logits.Data[i];
            loss += Math.Max(x, 0) - (x * targets.Data[i]) + Math.Log(1 + Math.Exp(-Math.Abs(x)));
        }

        return Tensor.FromOp(TensorMemory.Scalar((float)(loss / n)), [], o =>
        {
            float scale = o.Grad![0] / n;
            for (int i = 0; i < n; i++)
            {
                float x = logits.Data[i];
                float s = 1f / (1f + MathF.Exp(-x));
                if (logits.RequiresGrad)
                {
                    logits.GradBuffer()[i] += scale * (s - targets.Data[i]);
                }

                if (targets.RequiresGrad)
                {
                    targets.GradBuffer()[i] -= scale * x;
                }
            }
        }, logits, targets);
    }

    /// <summary>Mean squared error.</summary>
    /// <param name="input">The predictions.</param>
    /// <param name="target">The targets, same number of elements.</param>
    /// <returns>The scalar loss.</returns>
    public static Tensor MseLoss(Tensor input, Tensor target) =>
        Pointwise(input, target, "MseLoss", static d => d * d, static d => 2 * d);

    /// <summary>Mean Huber loss: <c>½d²</c> for |d| &lt; δ, else <c>δ(|d| − ½δ)</c>.</summary>
    /// <param name="input">The predictions.</param>
    /// <param name="target">The targets, same number of elements.</param>
    /// <param name="delta">δ &gt; 0.</param>
    /// <returns>The scalar loss.</returns>
    public static Tensor HuberLoss(Tensor input, Tensor target, float delta = 1f) =>
        Pointwise(input, target, "HuberLoss",
            d => Math.Abs(d) < delta ? 0.5 * d * d : delta * (Math.Abs(d) - (0.5 * delta)),
            d => Math.Abs(d) < delta ? d : delta * Math.Sign(d));

    private static Tensor Pointwise(Tensor input, Tensor target, string op, Func<double, double> f, Func<double, double> df)
    {
        RequireBatch(input.Length, target.Length, op);
        int n = input.Length;
        double loss = 0;
        for (int i = 0; i < n; i++)
        {
            loss += f(input.Data[i] - (double)target.Data[i]);
        }

        return Tensor.FromOp(TensorMemory.Scalar((float)(loss / n)), [], o =>
        {
            double scale = o.Grad![0] / (double)n;
            for (int i = 0; i < n; i++)
            {
                float g = (float)(scale * df(input.Data[i] - (double)target.Data[i]));
                if (input.RequiresGrad)
                {
                    input.GradBuffer()[i] += g;
                }

                if (target.RequiresGrad)
                {
                    target.GradBuffer()[i] -= g;
                }
            }
        }, input, target);
    }

    private static void RequireBatch(int predictions, int targets, string op)
    {
        if (predictions == 0)
        {
            throw new ArgumentException($"{op}: empty batch.");
        }

        if (predictions != targets)
        {
            throw new ArgumentException($"{op}: {predictions} predictions but {targets} targets.");
        }
    }
}
