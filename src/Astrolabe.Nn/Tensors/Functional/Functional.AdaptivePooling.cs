namespace Astrolabe.Nn;

public static partial class Functional
{
    /// <summary>
    /// Adaptive average pooling of an [N, C, H, W] batch to [N, C, outH, outW], as PyTorch: output cell (i, j) averages
    /// rows ⌊i·H/outH⌋ .. ⌈(i+1)·H/outH⌉ − 1 and the columns likewise. Output size 1×1 is global average pooling.
    /// </summary>
    /// <param name="x">The input [N, C, H, W].</param>
    /// <param name="outH">The output height (positive).</param>
    /// <param name="outW">The output width (positive).</param>
    /// <param name="layer">The layer name used in error messages.</param>
    /// <returns>The pooled [N, C, outH, outW].</returns>
    /// <exception cref="ArgumentException">Not rank 4, an empty plane, or a non-positive output size.</exception>
    public static Tensor AdaptiveAvgPool2d(Tensor x, int outH, int outW, string layer = "AdaptiveAvgPool2d")
    {
        Shapes.RequireRank(x, 4, layer, "[N, C, H, W]");
        int planes = x.Dim(0) * x.Dim(1), h = x.Dim(2), w = x.Dim(3);
        if (h == 0 || w == 0 || outH < 1 || outW < 1)
        {
            throw new ArgumentException($"{layer}: cannot pool input {Shapes.Format(x.ShapeSpan)} to {outH}×{outW}.");
        }

        var y = TensorMemory.Output(planes * outH * outW);
        for (int p = 0; p < planes; p++)
        {
            for (int i = 0; i < outH; i++)
            {
                int r0 = i * h / outH, r1 = (((i + 1) * h) + outH - 1) / outH;
                for (int j = 0; j < outW; j++)
                {
                    int c0 = j * w / outW, c1 = (((j + 1) * w) + outW - 1) / outW;
                    float sum = 0;
                    for (int r = r0; r < r1; r++)
                    {
                        sum += System.Numerics.Tensors.TensorPrimitives.Sum<float>(x.Data.AsSpan((((p * h) + r) * w) + c0, c1 - c0));
                    }

                    y[(((p * outH) + i) * outW) + j] = sum / ((r1 - r0) * (c1 - c0));
                }
            }
        }

        return Tensor.FromOp(y, [x.Dim(0), x.Dim(1), outH, outW], o =>
        {
            var gx = x.GradBuffer();
            for (int p = 0; p < planes; p++)
            {
                for (int i = 0; i < outH; i++)
                {
                    int r0 = i * h / outH, r1 = (((i + 1) * h) + outH - 1) / outH;
                    for (int j = 0; j < outW; j++)
                    {
                        int c0 = j * w / outW, c1 = (((j + 1) * w) + outW - 1) / outW;
                        float g = o.Grad![(((p * outH) + i) * outW) + j] / ((r1 - r0) * (c1 - c0));
                        for (int r = r0; r < r1; r++)
                        {
                            var dst = gx.AsSpan((((p * h) + r) * w) + c0, c1 - c0);
                            System.Numerics.Tensors.TensorPrimitives.Add(dst, g, dst);
                        }
                    }
                }
            }
        }, x);
    }

    /// <summary>Adaptive average pooling of an [N, C, L] batch to [N, C, outL] (see <see cref="AdaptiveAvgPool2d"/>).</summary>
    /// <param name="x">The input [N, C, L].</param>
    /// <param name="outL">The output length (positive).</param>
    /// <param name="layer">The layer name used in error messages.</param>
    /// <returns>The pooled [N, C, outL].</returns>
    /// <exception cref="ArgumentException">Not rank 3, an empty sequence, or a non-positive output size.</exception>
    public static Tensor AdaptiveAvgPool1d(Tensor x, int outL, string layer = "AdaptiveAvgPool1d")
    {
        Shapes.RequireRank(x, 3, layer, "[N, C, L]");
        var pooled = AdaptiveAvgPool2d(Reshape(x, x.Dim(0), x.Dim(1), 1, x.Dim(2)), 1, outL, layer);
        return Reshape(pooled, x.Dim(0), x.Dim(1), outL);
    }
}
