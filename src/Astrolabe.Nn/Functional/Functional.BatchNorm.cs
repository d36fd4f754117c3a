using System.Numerics.Tensors;

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

        var mean = new float[c];
        var invStd = new float[c];
        var centred = batchStats ? GC.AllocateUninitializedArray<float>(inner) : [];
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
                    TensorPrimitives.Subtract(Plane(x.Data, b, c, ch, inner), (float)mu, centred);
                    sq += TensorPrimitives.SumOfSquares<float>(centred);
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

        var y = GC.AllocateUninitializedArray<float>(x.Length);
        var xhat = GC.AllocateUninitializedArray<float>(x.Length);
        for (int b = 0; b < n; b++)
        {
            for (int ch = 0; ch < c; ch++)
            {
                var h = Plane(xhat, b, c, ch, inner);
                TensorPrimitives.Subtract(Plane(x.Data, b, c, ch, inner), mean[ch], h);
                TensorPrimitives.Multiply(h, invStd[ch], h);
                var yPlane = Plane(y, b, c, ch, inner);
                TensorPrimitives.Multiply(h, weight?.Data[ch] ?? 1f, yPlane);
                TensorPrimitives.Add(yPlane, bias?.Data[ch] ?? 0f, yPlane);
            }
        }

        var parents = Operands(x, weight, bias);
        return Tensor.FromOp(y, x.Shape, o =>
        {
            var g = o.Grad!;
            var sumG = new double[c];
            var sumGh = new double[c];
            for (int b = 0; b < n; b++)
            {
                for (int ch = 0; ch < c; ch++)
                {
                    sumG[ch] += TensorPrimitives.Sum(Plane(g, b, c, ch, inner));
                    sumGh[ch] += TensorPrimitives.Dot(Plane(g, b, c, ch, inner), Plane(xhat, b, c, ch, inner));
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

            // gx += a·g − a·mean(g) − a·mean(g·x̂)·x̂ with a = weight·invStd (only a·g with running statistics).
            var gx = x.GradBuffer();
            var term = GC.AllocateUninitializedArray<float>(inner);
            for (int b = 0; b < n; b++)
            {
                for (int ch = 0; ch < c; ch++)
                {
                    float a = (weight?.Data[ch] ?? 1f) * invStd[ch];
                    var gxPlane = Plane(gx, b, c, ch, inner);
                    if (batchStats)
                    {
                        TensorPrimitives.Multiply(Plane(xhat, b, c, ch, inner), -a * (float)(sumGh[ch] / count), term);
                        TensorPrimitives.Add(term, -a * (float)(sumG[ch] / count), term);
                        TensorPrimitives.MultiplyAdd(Plane(g, b, c, ch, inner), a, term, term);
                    }
                    else
                    {
                        TensorPrimitives.Multiply(Plane(g, b, c, ch, inner), a, term);
                    }

                    TensorPrimitives.Add(gxPlane, term, gxPlane);
                }
            }
        }, parents);
    }

    private static Span<float> Plane(float[] data, int b, int c, int ch, int inner) => data.AsSpan(((b * c) + ch) * inner, inner);
}
