using System.Numerics.Tensors;

namespace Astrolabe.Nn;

public static partial class Functional
{
    /// <summary>
    /// <see cref="BatchNorm"/> of a [N, C] input (BatchNorm1d on features), row by row: every channel's "plane" is a
    /// single float, so the per-channel passes of the general case would be N·C calls on one element each. Statistics
    /// are accumulated over the rows in float (the general case sums planes in double).
    /// </summary>
    private static Tensor BatchNormRows(
        Tensor x, float[]? runningMean, float[]? runningVar, Tensor? weight, Tensor? bias,
        bool batchStats, bool training, float momentum, float eps)
    {
        int n = x.Dim(0), c = x.Dim(1);
        var mean = TensorMemory.OutputZeroed(c);
        var invStd = TensorMemory.OutputZeroed(c);
        var xhat = TensorMemory.Output(x.Length);
        if (batchStats)
        {
            for (int b = 0; b < n; b++)
            {
                TensorPrimitives.Add(mean, Row(x.Data, b, c), mean);
            }

            TensorPrimitives.Divide(mean, n, mean);
            var squares = TensorMemory.OutputZeroed(c);
            for (int b = 0; b < n; b++)
            {
                var centred = Row(xhat, b, c);
                TensorPrimitives.Subtract(Row(x.Data, b, c), mean, centred);
                TensorPrimitives.MultiplyAdd(centred, centred, squares, squares);
            }

            for (int ch = 0; ch < c; ch++)
            {
                invStd[ch] = (float)(1.0 / Math.Sqrt((squares[ch] / (double)n) + eps));
                if (training && runningMean is not null && runningVar is not null)
                {
                    runningMean[ch] = ((1 - momentum) * runningMean[ch]) + (momentum * mean[ch]);
                    runningVar[ch] = ((1 - momentum) * runningVar[ch]) + (momentum * (float)(squares[ch] / (double)(n - 1)));
                }
            }

            for (int b = 0; b < n; b++)
            {
                TensorPrimitives.Multiply(Row(xhat, b, c), invStd, Row(xhat, b, c));
            }
        }
        else
        {
            for (int ch = 0; ch < c; ch++)
            {
                mean[ch] = runningMean![ch];
                invStd[ch] = 1f / MathF.Sqrt(runningVar![ch] + eps);
            }

            for (int b = 0; b < n; b++)
            {
                TensorPrimitives.Subtract(Row(x.Data, b, c), mean, Row(xhat, b, c));
                TensorPrimitives.Multiply(Row(xhat, b, c), invStd, Row(xhat, b, c));
            }
        }

        var scale = weight?.Data ?? Ones(c);
        var shift = bias?.Data ?? new float[c];
        var y = TensorMemory.Output(x.Length);
        for (int b = 0; b < n; b++)
        {
            TensorPrimitives.FusedMultiplyAdd(Row(xhat, b, c), scale, shift, Row(y, b, c));
        }

        var parents = Operands(x, weight, bias);
        return Tensor.FromOp(y, x.Shape, o =>
        {
            var g = o.Grad!;
            var sumG = TensorMemory.OutputZeroed(c);
            var sumGh = TensorMemory.OutputZeroed(c);
            for (int b = 0; b < n; b++)
            {
                TensorPrimitives.Add(sumG, Row(g, b, c), sumG);
                TensorPrimitives.FusedMultiplyAdd(Row(g, b, c), Row(xhat, b, c), sumGh, sumGh);
            }

            if (weight is { RequiresGrad: true })
            {
                TensorPrimitives.Add(weight.GradBuffer(), sumGh, weight.GradBuffer());
            }

            if (bias is { RequiresGrad: true })
            {
                TensorPrimitives.Add(bias.GradBuffer(), sumG, bias.GradBuffer());
            }

            if (!x.RequiresGrad)
            {
                return;
            }

            // gx += a·g − a·mean(g) − a·mean(g·x̂)·x̂ with a = weight·invStd (only a·g with running statistics).
            var a = TensorMemory.OutputZeroed(c);
            TensorPrimitives.Multiply(scale, invStd, a);
            var perXhat = TensorMemory.OutputZeroed(c);
            var constant = TensorMemory.OutputZeroed(c);
            if (batchStats)
            {
                for (int ch = 0; ch < c; ch++)
                {
                    perXhat[ch] = -a[ch] * (sumGh[ch] / n);
                    constant[ch] = -a[ch] * (sumG[ch] / n);
                }
            }

            var gx = x.GradBuffer();
            for (int b = 0; b < n; b++)
            {
                var gxRow = Row(gx, b, c);
                TensorPrimitives.FusedMultiplyAdd(Row(g, b, c), a, gxRow, gxRow);
                if (batchStats)
                {
                    TensorPrimitives.FusedMultiplyAdd(Row(xhat, b, c), perXhat, gxRow, gxRow);
                    TensorPrimitives.Add(gxRow, constant, gxRow);
                }
            }
        }, parents);
    }

    private static Span<float> Row(float[] data, int b, int c) => data.AsSpan(b * c, c);

    private static float[] Ones(int c)
    {
        var ones = new float[c];
        ones.AsSpan().Fill(1f);
        return ones;
    }
}
