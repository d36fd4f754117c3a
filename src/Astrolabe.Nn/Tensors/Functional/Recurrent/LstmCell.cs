using System.Numerics.Tensors;
using Astrolabe.Nn.Kernels;

namespace Astrolabe.Nn;

/// <summary>
/// The LSTM's steps (PyTorch's gate order i, f, g, o): per step one product <c>h·W_hhᵀ</c> added to the precomputed
/// input projection, then the fused cell kernel row by row. Both biases are summed into the input projection.
/// </summary>
internal sealed class LstmCell : IRecurrentCell
{
    public static int Gates => 4;

    public static bool HasCellState => true;

    public static void InputBias(ReadOnlySpan<float> biasIh, ReadOnlySpan<float> biasHh, Span<float> row) =>
        TensorPrimitives.Add(biasIh, biasHh, row);

    public static void Forward(RecurrentDirection dir, SequencePlan plan, RecurrentTargets targets)
    {
        int h = dir.Hidden, gh = 4 * h;
        dir.Cell = TensorMemory.Output(plan.Rows * h);
        dir.CellTanh = TensorMemory.Output(plan.Rows * h);
        var initial = dir.InitialCell!;
        for (int s = 0; s < plan.Steps; s++)
        {
            int bs = plan.BatchSizes[s], off = plan.Offsets[s];
            Gemm.Multiply(false, false, bs, gh, h, dir.States, off * h, h, dir.WeightHhT, 0, gh, dir.Gates, off * gh, gh, accumulate: true);
            bool more = s + 1 < plan.Steps;
            int nextBs = more ? plan.BatchSizes[s + 1] : 0, nextOff = more ? plan.Offsets[s + 1] : 0;
            for (int i = 0; i < bs; i++)
            {
                int p = off + i;
                var cPrev = s == 0 ? initial.AsSpan(i * h, h) : dir.Cell.AsSpan((plan.Offsets[s - 1] + i) * h, h);
                var state = i < nextBs
                    ? dir.States.AsSpan((nextOff + i) * h, h)
                    : targets.FinalHidden.AsSpan(targets.StateOffset + (plan.Order[i] * h), h);
                var c = dir.Cell.AsSpan(p * h, h);
                LstmCellKernel.Forward(dir.Gates.AsSpan(p * gh, gh), cPrev, c, dir.CellTanh.AsSpan(p * h, h), state);
                state.CopyTo(targets.Output.AsSpan((dir.Sources[p] * targets.Stride) + targets.Column, h));
                if (i >= nextBs)
                {
                    c.CopyTo(targets.FinalCell.AsSpan(targets.StateOffset + (plan.Order[i] * h), h));
                }
            }
        }
    }

    public static (float[] Input, float[] Hidden) Backward(
        RecurrentDirection dir, SequencePlan plan, float[] gradOutput, int column, int stride, float[] dh, float[]? dc)
    {
        int h = dir.Hidden, gh = 4 * h;
        var dGates = TensorMemory.Temporary(plan.Rows * gh);
        var initial = dir.InitialCell!;
        var tanh = dir.CellTanh!;
        for (int s = plan.Steps - 1; s >= 0; s--)
        {
            int bs = plan.BatchSizes[s], off = plan.Offsets[s];
            for (int i = 0; i < bs; i++)
            {
                int p = off + i;
                var dhi = dh.AsSpan(i * h, h);
                TensorPrimitives.Add(dhi, gradOutput.AsSpan((dir.Sources[p] * stride) + column, h), dhi);
                var cPrev = s == 0 ? initial.AsSpan(i * h, h) : dir.Cell.AsSpan((plan.Offsets[s - 1] + i) * h, h);
                LstmCellKernel.Backward(
                    dir.Gates.AsSpan(p * gh, gh), tanh.AsSpan(p * h, h), cPrev, dhi, dc.AsSpan(i * h, h), dGates.AsSpan(p * gh, gh));
            }

            Gemm.Multiply(false, false, bs, h, gh, dGates, off * gh, gh, dir.WeightHh.Data, 0, h, dh, 0, h, accumulate: false);
        }

        return (dGates, dGates);
    }
}
