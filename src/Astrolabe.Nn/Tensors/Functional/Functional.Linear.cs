using Astrolabe.Nn.Kernels;

namespace Astrolabe.Nn;

public static partial class Functional
{
    /// <summary>Matrix product <c>a·b</c> of a [m, k] and a [k, n] tensor.</summary>
    /// <param name="a">The left operand, rank 2.</param>
    /// <param name="b">The right operand, rank 2.</param>
    /// <returns>The [m, n] product.</returns>
    public static Tensor MatMul(Tensor a, Tensor b)
    {
        Shapes.RequireRank(a, 2, "MatMul", "[m, k]");
        Shapes.RequireRank(b, 2, "MatMul", "[k, n]");
        int m = a.Dim(0), k = a.Dim(1), n = b.Dim(1);
        if (b.Dim(0) != k)
        {
            throw new ArgumentException(
                $"MatMul: inner dimensions differ, {Shapes.Format(a.ShapeSpan)} · {Shapes.Format(b.ShapeSpan)}.");
        }

        var y = TensorMemory.Output(m * n);
        Gemm.Multiply(false, false, m, n, k, a.Data, 0, k, b.Data, 0, n, y, 0, n, accumulate: false);
        return Tensor.FromOp(y, [m, n], o =>
        {
            var g = o.Grad!;
            if (a.RequiresGrad)
            {
                Gemm.Multiply(false, true, m, k, n, g, 0, n, b.Data, 0, n, a.GradBuffer(), 0, k, accumulate: true);
            }

            if (b.RequiresGrad)
            {
                Gemm.Multiply(true, false, k, n, m, a.Data, 0, k, g, 0, n, b.GradBuffer(), 0, n, accumulate: true);
            }
        }, a, b).CountFlops("matmul", 2L * m * n * k, a, b);
    }

    /// <summary>
    /// <c>y = x·Wᵀ + b</c> over the last dimension of <paramref name="x"/> (PyTorch layout: weight [out, in]).
    /// The bias initialises the output before the GEMM accumulates into it (fused).
    /// </summary>
    /// <param name="x">The input [..., in].</param>
    /// <param name="weight">The weight [out, in].</param>
    /// <param name="bias">The bias [out], or null.</param>
    /// <param name="layer">The layer name used in error messages.</param>
    /// <returns>The output [..., out].</returns>
    public static Tensor Linear(Tensor x, Tensor weight, Tensor? bias, string layer = "Linear")
    {
        Shapes.RequireRank(weight, 2, layer, "weight [out, in]");
        int outF = weight.Dim(0), inF = weight.Dim(1);
        if (x.Rank == 0 || x.Dim(-1) != inF)
        {
            throw new ArgumentException(
                $"{layer}: expected input [..., {inF}], got {Shapes.Format(x.ShapeSpan)}.");
        }

        if (bias is not null && bias.Length != outF)
        {
            throw new ArgumentException($"{layer}: bias has {bias.Length} elements, expected {outF}.");
        }

        int rows = x.Length / Math.Max(inF, 1);
        if (inF == 0)
        {
            rows = Shapes.Numel(x.ShapeSpan[..^1]);
        }

        var y = TensorMemory.Output(rows * outF);
        if (bias is not null)
        {
            for (int r = 0; r < rows; r++)
            {
                bias.Data.CopyTo(y, r * outF);
            }
        }

        Gemm.Multiply(false, true, rows, outF, inF, x.Data, 0, inF, weight.Data, 0, inF, y, 0, outF, accumulate: bias is not null);
        var shape = x.Shape;
        shape[^1] = outF;
        return Tensor.FromOp(y, shape, o =>
        {
            var g = o.Grad!;
            if (x.RequiresGrad)
            {
                var gx = x.GradTarget(out bool fresh);
                Gemm.Multiply(false, false, rows, inF, outF, g, 0, outF, weight.Data, 0, inF, gx, 0, inF, accumulate: !fresh);
            }

            if (weight.RequiresGrad)
            {
                Gemm.Multiply(true, false, outF, inF, rows, g, 0, outF, x.Data, 0, inF, weight.GradBuffer(), 0, inF, accumulate: true);
            }

            if (bias is { RequiresGrad: true })
            {
                var gb = bias.GradBuffer();
                for (int r = 0; r < rows; r++)
                {
                    System.Numerics.Tensors.TensorPrimitives.Add(gb, g.AsSpan(r * outF, outF), gb);
                }
            }
        }, Operands(x, weight, bias)).CountFlops("linear", 2L * rows * inF * outF, x, weight);
    }
}
