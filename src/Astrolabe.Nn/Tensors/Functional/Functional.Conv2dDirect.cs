using System.Buffers;
using Astrolabe.Nn.Kernels;

namespace Astrolabe.Nn;

public static partial class Functional
{
    /// <summary>The convolution by <see cref="DirectConv"/> (stride 1, few input rows); the caller has validated the shapes.</summary>
    internal static Tensor Conv2dDirect(ConvGeometry g, Tensor x, Tensor weight, Tensor? bias, string layer) =>
        Conv2dDirect(g, x, weight, bias, layer, wide: null);

    /// <summary>The same with the vector width chosen (null: the CPU's; tests run both).</summary>
    internal static Tensor Conv2dDirect(ConvGeometry g, Tensor x, Tensor weight, Tensor? bias, string layer, bool? wide)
    {
        int o = weight.Dim(0);
        var conv = new DirectConv(g, o, wide);
        // The padded input lives until the backward pass (the weight gradient reads it), like im2col's columns.
        var padded = ArrayPool<float>.Shared.Rent(conv.PaddedLength);
        conv.Pad(x.Data, padded);
        var y = TensorMemory.Output(g.N * o * g.OH * g.OW);
        conv.Forward(padded, weight.Data, bias?.Data, y);
        return WithPooledScratch(y, [g.N, o, g.OH, g.OW], padded, layer, (kept, gy) =>
        {
            if (weight.RequiresGrad || bias is { RequiresGrad: true })
            {
                conv.BackwardWeight(kept, gy, weight.RequiresGrad ? weight.GradBuffer() : null, bias is { RequiresGrad: true } ? bias.GradBuffer() : null);
            }

            if (x.RequiresGrad)
            {
                conv.BackwardInput(weight.Data, gy, x.GradBuffer());
            }
        }, Operands(x, weight, bias));
    }
}
