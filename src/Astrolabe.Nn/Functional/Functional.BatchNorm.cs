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

        var mean = new float[c];
        var invStd = new float[c];
        for (int ch = 0; ch < c; ch++)
        {
            if (training || runningMean is null || runningVar is null)
            {
                double s = 0, sq = 0;
                ForChannel(n, c, inner, ch, idx => s += x.Data[idx]);
                double mu = s / count;
                ForChannel(n, c, inner, ch, idx => sq += (x.Data[idx] - mu) * (x.Data[idx] - mu));
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
                mean[ch] = runningMean[ch];
                invStd[ch] = 1f / MathF.Sqrt(runningVar[ch] + eps);
            }
        }

        var y = GC.AllocateUninitializedArray<float>(x.Length);
        var xhat = GC.AllocateUninitializedArray<float>(x.Length);
        for (int i = 0; i < x.Length; i++)
        {
            int ch = i / inner % c;
            xhat[i] = (x.Data[i] - mean[ch]) * invStd[ch];
            y[i] = (xhat[i] * (weight?.Data[ch] ?? 1f)) + (bias?.Data[ch] ?? 0f);
        }

        bool batchStats = training || runningMean is null || runningVar is null;
        Tensor[] parents = [x, .. weight is null ? Array.Empty<Tensor>() : [weight], .. bias is null ? Array.Empty<Tensor>() : [bias]];
        return Tensor.FromOp(y, x.Shape, o =>
        {
            var g = o.Grad!;
            var sumG = new double[c];
            var sumGh = new double[c];
            for (int i = 0; i < x.Length; i++)
            {
                int ch = i / inner % c;
                sumG[ch] += g[i];
                sumGh[ch] += g[i] * xhat[i];
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

            var gx = x.GradBuffer();
            for (int i = 0; i < x.Length; i++)
            {
                int ch = i / inner % c;
                float w = (weight?.Data[ch] ?? 1f) * invStd[ch];
                gx[i] += batchStats
                    ? w * (g[i] - (float)(sumG[ch] / count) - (xhat[i] * (float)(sumGh[ch] / count)))
                    : w * g[i];
            }
        }, parents);
    }

    private static void ForChannel(int n, int c, int inner, int ch, Action<int> visit)
    {
        for (int b = 0; b < n; b++)
        {
            int start = ((b * c) + ch) * inner;
            for (int j = 0; j < inner; j++)
            {
                visit(start + j);
            }
        }
    }
}
