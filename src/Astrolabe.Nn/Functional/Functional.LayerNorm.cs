namespace Astrolabe.Nn;

public static partial class Functional
{
    /// <summary>
    /// Layer normalisation over the trailing <paramref name="normalizedSize"/> elements of each row:
    /// <c>(x − mean) / √(var + eps) · weight + bias</c> with the biased variance.
    /// </summary>
    /// <param name="x">The input; its trailing dimensions multiply to <paramref name="normalizedSize"/>.</param>
    /// <param name="normalizedSize">The number of elements normalised together.</param>
    /// <param name="weight">The per-element scale, or null.</param>
    /// <param name="bias">The per-element shift, or null.</param>
    /// <param name="eps">Added to the variance.</param>
    /// <param name="layer">The layer name used in error messages.</param>
    /// <returns>The normalised tensor.</returns>
    public static Tensor LayerNorm(Tensor x, int normalizedSize, Tensor? weight, Tensor? bias, float eps = 1e-5f, string layer = "LayerNorm")
    {
        int d = normalizedSize;
        if (d <= 0 || x.Length % d != 0 || x.Length == 0)
        {
            throw new ArgumentException($"{layer}: input {Shapes.Format(x.ShapeSpan)} cannot be normalised over {d} trailing elements.");
        }

        int rows = x.Length / d;
        var y = GC.AllocateUninitializedArray<float>(x.Length);
        var xhat = GC.AllocateUninitializedArray<float>(x.Length);
        var invStd = new float[rows];
        for (int r = 0; r < rows; r++)
        {
            var xr = x.Data.AsSpan(r * d, d);
            double mean = 0, sq = 0;
            foreach (float v in xr)
            {
                mean += v;
            }

            mean /= d;
            foreach (float v in xr)
            {
                sq += (v - mean) * (v - mean);
            }

            float inv = (float)(1.0 / Math.Sqrt((sq / d) + eps));
            invStd[r] = inv;
            for (int i = 0; i < d; i++)
            {
                float h = (float)(xr[i] - mean) * inv;
                xhat[(r * d) + i] = h;
                y[(r * d) + i] = (h * (weight?.Data[i] ?? 1f)) + (bias?.Data[i] ?? 0f);
            }
        }

        var parents = new List<Tensor> { x };
        if (weight is not null)
        {
            parents.Add(weight);
        }

        if (bias is not null)
        {
            parents.Add(bias);
        }

        return Tensor.FromOp(y, x.Shape, o =>
        {
            var g = o.Grad!;
            var dxhat = new float[d];
            for (int r = 0; r < rows; r++)
            {
                int off = r * d;
                double meanD = 0, meanDh = 0;
                for (int i = 0; i < d; i++)
                {
                    float gi = g[off + i];
                    dxhat[i] = gi * (weight?.Data[i] ?? 1f);
                    meanD += dxhat[i];
                    meanDh += dxhat[i] * xhat[off + i];
                    if (weight is { RequiresGrad: true })
                    {
                        weight.GradBuffer()[i] += gi * xhat[off + i];
                    }

                    if (bias is { RequiresGrad: true })
                    {
                        bias.GradBuffer()[i] += gi;
                    }
                }

                if (x.RequiresGrad)
                {
                    var gx = x.GradBuffer();
                    float mD = (float)(meanD / d), mDh = (float)(meanDh / d);
                    for (int i = 0; i < d; i++)
                    {
                        gx[off + i] += invStd[r] * (dxhat[i] - mD - (xhat[off + i] * mDh));
                    }
                }
            }
        }, [.. parents]);
    }
}
