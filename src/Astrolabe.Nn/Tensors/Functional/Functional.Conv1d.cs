using System.Numerics.Tensors;
using Astrolabe.Nn.Kernels;

namespace Astrolabe.Nn;

public static partial class Functional
{
    /// <summary>
    /// 1-D convolution (cross-correlation, as PyTorch's <c>conv1d</c>) of an [N, C, L] batch with zero padding, stride
    /// and dilation: <c>y[n, o, t] = b[o] + Σ_c Σ_k W[o, c, k] · x[n, c, t·stride − padding + k·dilation]</c>. Each
    /// sequence is unfolded into a [C·K, L_out] column matrix and multiplied by the GEMM, <c>W[O, C·K] · cols</c>.
    /// </summary>
    /// <param name="x">The input [N, C, L].</param>
    /// <param name="weight">The filters [O, C, K].</param>
    /// <param name="bias">The bias [O], or null.</param>
    /// <param name="stride">The step between output positions (positive).</param>
    /// <param name="padding">Zeros added at each end (non-negative).</param>
    /// <param name="dilation">The spacing of the kernel taps (positive).</param>
    /// <param name="layer">The layer name used in error messages.</param>
    /// <returns>The output [N, O, L_out], L_out = ⌊(L + 2·padding − dilation·(K − 1) − 1) / stride⌋ + 1.</returns>
    /// <exception cref="ArgumentException">Wrong ranks, a channel mismatch, or a kernel longer than the padded input.</exception>
    public static Tensor Conv1d(Tensor x, Tensor weight, Tensor? bias, int stride = 1, int padding = 0, int dilation = 1, string layer = "Conv1d")
    {
        Shapes.RequireRank(x, 3, layer, "[N, C, L]");
        Shapes.RequireRank(weight, 3, layer, "weight [O, C, K]");
        int n = x.Dim(0), c = x.Dim(1), len = x.Dim(2), o = weight.Dim(0), k = weight.Dim(2);
        if (c != weight.Dim(1))
        {
            throw new ArgumentException($"{layer}: input has {c} channels, the layer expects {weight.Dim(1)} (input {Shapes.Format(x.ShapeSpan)}).");
        }

        if (stride < 1 || padding < 0 || dilation < 1)
        {
            throw new ArgumentException($"{layer}: stride {stride} and dilation {dilation} must be positive, padding {padding} non-negative.");
        }

        if (bias is not null && bias.Length != o)
        {
            throw new ArgumentException($"{layer}: bias has {bias.Length} elements, expected {o}.");
        }

        int span = (dilation * (k - 1)) + 1;
        int lout = len + (2 * padding) < span ? 0 : ((len + (2 * padding) - span) / stride) + 1;
        if (lout <= 0)
        {
            throw new ArgumentException($"{layer}: a kernel spanning {span} positions does not fit input {Shapes.Format(x.ShapeSpan)} with padding {padding}.");
        }

        int ck = c * k, colsPer = ck * lout, outPer = o * lout;
        var geometry = (C: c, L: len, K: k, LOut: lout, Stride: stride, Padding: padding, Dilation: dilation);
        var cols = TensorMemory.Output(n * colsPer);
        var y = TensorMemory.Output(n * outPer);
        for (int s = 0; s < n; s++)
        {
            Unfold1d(geometry, x.Data.AsSpan(s * c * len, c * len), cols.AsSpan(s * colsPer, colsPer));
            if (bias is not null)
            {
                for (int oc = 0; oc < o; oc++)
                {
                    y.AsSpan((s * outPer) + (oc * lout), lout).Fill(bias.Data[oc]);
                }
            }

            Gemm.Multiply(false, false, o, lout, ck, weight.Data, 0, ck, cols, s * colsPer, lout, y, s * outPer, lout, accumulate: bias is not null);
        }

        long flops = 2L * n * o * lout * ck;
        return Tensor.FromOp(y, [n, o, lout], r =>
        {
            var gy = r.Grad!;
            if (weight.RequiresGrad)
            {
                var gw = weight.GradBuffer();
                for (int s = 0; s < n; s++)
                {
                    Gemm.Multiply(false, true, o, ck, lout, gy, s * outPer, lout, cols, s * colsPer, lout, gw, 0, ck, accumulate: true);
                }
            }

            if (bias is { RequiresGrad: true })
            {
                var gb = bias.GradBuffer();
                for (int s = 0; s < n; s++)
                {
                    for (int oc = 0; oc < o; oc++)
                    {
                        gb[oc] += TensorPrimitives.Sum<float>(gy.AsSpan((s * outPer) + (oc * lout), lout));
                    }
                }
            }

            if (x.RequiresGrad)
            {
                var gx = x.GradBuffer();
                var dcols = TensorMemory.Temporary(colsPer);
                for (int s = 0; s < n; s++)
                {
                    Gemm.Multiply(true, false, ck, lout, o, weight.Data, 0, ck, gy, s * outPer, lout, dcols, 0, lout, accumulate: false);
                    Fold1d(geometry, dcols.AsSpan(0, colsPer), gx.AsSpan(s * c * len, c * len));
                }

                TensorMemory.Release(dcols);
            }
        }, Operands(x, weight, bias)).CountFlops("conv1d", flops, () => flops * ((x.RequiresGrad ? 1 : 0) + (weight.RequiresGrad ? 1 : 0)));
    }

    /// <summary>cols[(c·K + k)·L_out + t] = x[c, t·stride − padding + k·dilation], or 0 outside the sequence.</summary>
    private static void Unfold1d((int C, int L, int K, int LOut, int Stride, int Padding, int Dilation) g, ReadOnlySpan<float> x, Span<float> cols)
    {
        for (int c = 0; c < g.C; c++)
        {
            for (int k = 0; k < g.K; k++)
            {
                var row = cols.Slice(((c * g.K) + k) * g.LOut, g.LOut);
                int offset = (k * g.Dilation) - g.Padding;
                for (int t = 0; t < g.LOut; t++)
                {
                    int i = (t * g.Stride) + offset;
                    row[t] = (uint)i < (uint)g.L ? x[(c * g.L) + i] : 0f;
                }
            }
        }
    }

    /// <summary>The adjoint of <see cref="Unfold1d"/>: adds each column entry back to the input position it came from.</summary>
    private static void Fold1d((int C, int L, int K, int LOut, int Stride, int Padding, int Dilation) g, ReadOnlySpan<float> cols, Span<float> gx)
    {
        for (int c = 0; c < g.C; c++)
        {
            for (int k = 0; k < g.K; k++)
            {
                var row = cols.Slice(((c * g.K) + k) * g.LOut, g.LOut);
                int offset = (k * g.Dilation) - g.Padding;
                for (int t = 0; t < g.LOut; t++)
                {
                    int i = (t * g.Stride) + offset;
                    if ((uint)i < (uint)g.L)
                    {
                        gx[(c * g.L) + i] += row[t];
                    }
                }
            }
        }
    }
}
