using System.Numerics.Tensors;
using System.Runtime.Intrinsics;

namespace Astrolabe.Nn;

public static partial class Functional
{
    /// <summary>
    /// Batch normalisation over dimension 1 (channels) of [N, C] or [N, C, ...] inputs. In training mode it
    /// normalises with the batch mean and biased variance and updates the running statistics in place
    /// (<c>running = (1 − momentum)·running + momentum·batch</c>, unbiased variance, as PyTorch); in evaluation mode
    /// it uses the running statistics.
    /// </summary>
    /// <param name="x">The input [N, C, ...].</param>
    /// <param name="runningMean">Running means [C] (updated in training), or null.</param>
    /// <param name="runningVar">Running variances [C] (updated in training), or null.</param>
    /// <param name="weight">Per-channel scale [C], or null.</param>
    /// <param name="bias">Per-channel shift [C], or null.</param>
    /// <param name="training">Whether to use (and update with) batch statistics.</param>
    /// <param name="momentum">The running-statistics momentum.</param>
    /// <param name="eps">Added to the variance.</param>
    /// <param name="layer">The layer name used in error messages.</param>
    /// <returns>The normalised tensor.</returns>
    public static Tensor BatchNorm(
        Tensor x, float[]? runningMean, float[]? runningVar, Tensor? weight, Tensor? bias,
        bool training, float momentum = 0.1f, float eps = 1e-5f, string layer = "BatchNorm")
    {
        if (x.Rank < 2)
        {
            throw new ArgumentException($"{layer}: expected input [N, C, ...], got {Shapes.Format(x.ShapeSpan)}.");
        }

        int n = x.Dim(0), c = x.Dim(1), inner = x.Length / Math.Max(1, n * c);
        if (weight is not null && weight.Length != c)
        {
            throw new ArgumentException($"{layer}: input has {c} channels but the layer has {weight.Length}.");
        }

        int count = n * inner;
        if (training && count <= 1)
        {
            throw new ArgumentException($"{layer}: training needs more than one value per channel, got {Shapes.Format(x.ShapeSpan)}.");
        }

        bool batchStats = training || runningMean is null || runningVar is null;
        if (inner == 1)
        {
            return BatchNormRows(x, runningMean, runningVar, weight, bias, batchStats, training, momentum, eps);
        }

        var mean = TensorMemory.OutputZeroed(c);
        var invStd = TensorMemory.OutputZeroed(c);
        for (int ch = 0; ch < c; ch++)
        {
            if (batchStats)
            {
                // Two passes (mean, then squared deviations) over each sample's contiguous plane of this channel.
                double s = 0, sq = 0;
                for (int b = 0; b < n; b++)
                {
                    s += TensorPrimitives.Sum(Plane(x.Data, b, c, ch, inner));
                }

                double mu = s / count;
                for (int b = 0; b < n; b++)
                {
                    sq += CentredSquares(Plane(x.Data, b, c, ch, inner), (float)mu);
                }

                mean[ch] = (float)mu;
                invStd[ch] = (float)(1.0 / Math.Sqrt((sq / count) + eps));
                if (training && runningMean is not null && runningVar is not null)
                {
                    runningMean[ch] = ((1 - momentum) * runningMean[ch]) + (momentum * (float)mu);
                    runningVar[ch] = ((1 - momentum) * runningVar[ch]) + (momentum * (float)(sq / (count - 1)));
                }
            }
            else
            {
                mean[ch] = runningMean![ch];
                invStd[ch] = 1f / MathF.Sqrt(runningVar![ch] + eps);
            }
        }

        // y = x·α + β with α = invStd·weight and β = bias − mean·α, one pass per plane (PyTorch's CPU kernel computes
        // the same form). x̂ is not stored: the backward pass recomputes x − mean from the input, which it keeps anyway.
        var y = TensorMemory.Output(x.Length);
        for (int b = 0; b < n; b++)
        {
            for (int ch = 0; ch < c; ch++)
            {
                float alpha = invStd[ch] * (weight?.Data[ch] ?? 1f);
                float beta = (bias?.Data[ch] ?? 0f) - (mean[ch] * alpha);
                Affine(Plane(x.Data, b, c, ch, inner), alpha, beta, Plane(y, b, c, ch, inner));
            }
        }

        var parents = Operands(x, weight, bias);
        return Tensor.FromOp(y, x.Shape, o => BatchNormBackward(x, weight, bias, o.Grad!, mean, invStd, batchStats, n, c, inner), parents);
    }

    /// <summary>
    /// The gradients of <see cref="BatchNorm"/> for [N, C, ...] inputs: Σg and Σg·x̂ per channel (x̂ = (x − mean)·invStd,
    /// recomputed plane by plane), then gx = a·g − a·mean(g) − a·mean(g·x̂)·x̂ with a = weight·invStd (only a·g with
    /// running statistics), written into a fresh gradient buffer or added to one already reached.
    /// </summary>
    private static void BatchNormBackward(
        Tensor x, Tensor? weight, Tensor? bias, float[] g, float[] mean, float[] invStd, bool batchStats, int n, int c, int inner)
    {
        int count = n * inner;
        var sumG = new double[c];
        var sumGh = new double[c];
        for (int b = 0; b < n; b++)
        {
            for (int ch = 0; ch < c; ch++)
            {
                var (s, sc) = SumAndCentredDot(Plane(g, b, c, ch, inner), Plane(x.Data, b, c, ch, inner), mean[ch]);
                sumG[ch] += s;
                sumGh[ch] += sc * (double)invStd[ch];
            }
        }

        for (int ch = 0; ch < c; ch++)
        {
            if (weight is { RequiresGrad: true })
            {
                weight.GradBuffer()[ch] += (float)sumGh[ch];
            }

            if (bias is { RequiresGrad: true })
            {
                bias.GradBuffer()[ch] += (float)sumG[ch];
            }
        }

        if (!x.RequiresGrad)
        {
            return;
        }

        var gx = x.GradTarget(out bool fresh);
        for (int b = 0; b < n; b++)
        {
            for (int ch = 0; ch < c; ch++)
            {
                // a·g + k·(x − mean) + c0 with k = −a·invStd·mean(g·x̂) and c0 = −a·mean(g); a·g alone with running statistics.
                float a = (weight?.Data[ch] ?? 1f) * invStd[ch];
                float k = batchStats ? -a * invStd[ch] * (float)(sumGh[ch] / count) : 0f;
                float c0 = batchStats ? -a * (float)(sumG[ch] / count) : 0f;
                InputGradient(Plane(g, b, c, ch, inner), Plane(x.Data, b, c, ch, inner), mean[ch], a, k, c0, Plane(gx, b, c, ch, inner), !fresh);
            }
        }
    }

    /// <summary>Σ(x − mean)² over one plane.</summary>
    private static float CentredSquares(ReadOnlySpan<float> x, float mean)
    {
        int i = 0;
        float sum = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var acc = Vector256<float>.Zero;
            var vm = Vector256.Create(mean);
            for (; i <= x.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var d = Vector256.Create(x[i..]) - vm;
                acc = Vector256.MultiplyAddEstimate(d, d, acc);
            }

            sum = Vector256.Sum(acc);
        }

        for (; i < x.Length; i++)
        {
            sum += (x[i] - mean) * (x[i] - mean);
        }

        return sum;
    }

    /// <summary>Σg and Σg·(x − mean) over one plane, in one pass.</summary>
    private static (float Sum, float CentredDot) SumAndCentredDot(ReadOnlySpan<float> g, ReadOnlySpan<float> x, float mean)
    {
        int i = 0;
        float sum = 0, dot = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var vs = Vector256<float>.Zero;
            var vd = Vector256<float>.Zero;
            var vm = Vector256.Create(mean);
            for (; i <= g.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var vg = Vector256.Create(g[i..]);
                vs += vg;
                vd = Vector256.MultiplyAddEstimate(vg, Vector256.Create(x[i..]) - vm, vd);
            }

            sum = Vector256.Sum(vs);
            dot = Vector256.Sum(vd);
        }

        for (; i < g.Length; i++)
        {
            sum += g[i];
            dot += g[i] * (x[i] - mean);
        }

        return (sum, dot);
    }

    /// <summary>gx (+)= a·g + k·(x − mean) + c0 over one plane.</summary>
    private static void InputGradient(ReadOnlySpan<float> g, ReadOnlySpan<float> x, float mean, float a, float k, float c0, Span<float> gx, bool accumulate)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var (va, vk, vc, vm) = (Vector256.Create(a), Vector256.Create(k), Vector256.Create(c0), Vector256.Create(mean));
            for (; i <= g.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var v = Vector256.MultiplyAddEstimate(Vector256.Create(g[i..]), va, Vector256.MultiplyAddEstimate(Vector256.Create(x[i..]) - vm, vk, vc));
                (accumulate ? Vector256.Create(gx[i..]) + v : v).CopyTo(gx[i..]);
            }
        }

        for (; i < g.Length; i++)
        {
            float v = (g[i] * a) + ((x[i] - mean) * k) + c0;
            gx[i] = accumulate ? gx[i] + v : v;
        }
    }

    /// <summary>y = x·a + b (x and y may be the same span).</summary>
    private static void Affine(ReadOnlySpan<float> x, float a, float b, Span<float> y)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var va = Vector256.Create(a);
            var vb = Vector256.Create(b);
            for (; i <= x.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                ((Vector256.Create(x[i..]) * va) + vb).CopyTo(y[i..]);
            }
        }

        for (; i < x.Length; i++)
        {
            y[i] = (x[i] * a) + b;
        }
    }

    private static Span<float> Plane(float[] data, int b, int c, int ch, int inner) => data.AsSpan(((b * c) + ch) * inner, inner);
}
