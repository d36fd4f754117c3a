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
        if (WeightFirst(rows, inF, outF))
        {
            var yT = TensorMemory.Temporary(rows * outF);
            Gemm.Multiply(false, true, outF, rows, inF, weight.Data, 0, inF, x.Data, 0, inF, yT, 0, rows, accumulate: false);
            TransposeAddingBias(yT, outF, rows, bias?.Data, y);
            TensorMemory.Release(yT);
        }
        else
        {
            if (bias is not null)
            {
                for (int r = 0; r < rows; r++)
                {
                    bias.Data.CopyTo(y, r * outF);
                }
            }

            Gemm.Multiply(false, true, rows, outF, inF, x.Data, 0, inF, weight.Data, 0, inF, y, 0, outF, accumulate: bias is not null);
        }

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

    /// <summary>
    /// Whether the forward product is computed as yᵀ = W·xᵀ and transposed, rather than as y = x·Wᵀ: the GEMM packs
    /// its right operand, so x·Wᵀ copies all of W transposed on every call, and with a few outputs its tiles are
    /// mostly padding; W·xᵀ reads W where it lies and packs only the batch. It pays where W is large beside the
    /// output (which the transposition copies once more) or the outputs are few. One thread, AVX-512: 784 → 228 at
    /// batch 32 58 + 3 against 107 µs; 3920 → 225 at batch 32 297 against 511 µs; 225 → 10 at batch 32 2.0 against
    /// 4.5 µs; but 64 → 128 at batch 64 5.6 + 8.8 against 6.2 µs.
    /// </summary>
    private static bool WeightFirst(int rows, int inF, int outF) => inF >= 2 * rows || outF <= 16;

    /// <summary>y[r, j] = yT[j, r] (+ bias[j]), eight rows of y at a time so that the reads of yT are runs.</summary>
    private static void TransposeAddingBias(float[] yT, int outF, int rows, float[]? bias, float[] y)
    {
        int r = 0;
        for (; r + 8 <= rows; r += 8)
        {
            for (int j = 0; j < outF; j++)
            {
                int s = (j * rows) + r, d = (r * outF) + j;
                if (bias is null)
                {
                    for (int i = 0; i < 8; i++)
                    {
                        y[d + (i * outF)] = yT[s + i];
                    }
                }
                else
                {
                    float b = bias[j];
                    for (int i = 0; i < 8; i++)
                    {
                        y[d + (i * outF)] = yT[s + i] + b;
                    }
                }
            }
        }

        for (; r < rows; r++)
        {
            for (int j = 0; j < outF; j++)
            {
                float v = yT[(j * rows) + r];
                y[(r * outF) + j] = bias is null ? v : v + bias[j];
            }
        }
    }
}
