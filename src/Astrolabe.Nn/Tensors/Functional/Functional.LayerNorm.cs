using System.Numerics.Tensors;

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
        var y = TensorMemory.Output(x.Length);
        var xhat = TensorMemory.Output(x.Length);
        var invStd = TensorMemory.OutputZeroed(rows);
        for (int r = 0; r < rows; r++)
        {
            var xr = x.Data.AsSpan(r * d, d);
            var h = xhat.AsSpan(r * d, d);
            var yr = y.AsSpan(r * d, d);
            float mean = TensorPrimitives.Sum<float>(xr) / d;
            TensorPrimitives.Subtract(xr, mean, h);
            float inv = (float)(1.0 / Math.Sqrt((TensorPrimitives.SumOfSquares<float>(h) / d) + eps));
            invStd[r] = inv;
            TensorPrimitives.Multiply(h, inv, h);
            if (weight is null)
            {
                h.CopyTo(yr);
            }
            else
            {
                TensorPrimitives.Multiply(h, weight.Data, yr);
            }

            if (bias is not null)
            {
                TensorPrimitives.Add(yr, bias.Data, yr);
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
            var term = new float[d];
            var gw = weight is { RequiresGrad: true } ? weight.GradBuffer() : null;
            var gb = bias is { RequiresGrad: true } ? bias.GradBuffer() : null;
            var gx = x.RequiresGrad ? x.GradBuffer() : null;
            for (int r = 0; r < rows; r++)
            {
                var gr = g.AsSpan(r * d, d);
                var h = xhat.AsSpan(r * d, d);
                if (weight is null)
                {
                    gr.CopyTo(dxhat);
                }
                else
                {
                    TensorPrimitives.Multiply(gr, weight.Data, dxhat);
                }

                if (gw is not null)
                {
                    TensorPrimitives.MultiplyAdd(gr, h, gw, gw);
                }

                if (gb is not null)
                {
                    TensorPrimitives.Add(gb, gr, gb);
                }

                if (gx is not null)
                {
                    // gx += invStd·(dx̂ − mean(dx̂) − x̂·mean(dx̂·x̂)).
                    float meanD = TensorPrimitives.Sum<float>(dxhat) / d, meanDh = TensorPrimitives.Dot<float>(dxhat, h) / d;
                    TensorPrimitives.Multiply(h, -meanDh, term);
                    TensorPrimitives.Add(term, dxhat, term);
                    TensorPrimitives.Add(term, -meanD, term);
                    var gxr = gx.AsSpan(r * d, d);
                    TensorPrimitives.MultiplyAdd(term, invStd[r], gxr, gxr);
                }
            }
        }, [.. parents]);
    }
}
