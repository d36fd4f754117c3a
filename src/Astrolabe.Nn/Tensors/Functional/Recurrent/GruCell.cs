using Astrolabe.Nn.Kernels;

namespace Astrolabe.Nn;

/// <summary>
/// The GRU's steps (PyTorch's gate order r, z, n): per step the products <c>h·W_hrᵀ, h·W_hzᵀ</c> are added to the
/// precomputed input projection and <c>h·W_hnᵀ</c> is kept apart (r scales it, bias b_hn included), then the fused cell
/// kernel row by row. The r and z parts of b_hh are summed into the input projection.
/// </summary>
internal sealed class GruCell : IRecurrentCell
{
    public static int Gates => 3;

    public static bool HasCellState => false;

    public static void InputBias(ReadOnlySpan<float> biasIh, ReadOnlySpan<float> biasHh, Span<float> row)
    {
        biasIh.CopyTo(row);
        int twoH = 2 * (row.Length / 3);
        System.Numerics.Tensors.TensorPrimitives.Add(row[..twoH], biasHh[..twoH], row[..twoH]);
    }

    public static void Forward(RecurrentDirection dir, SequencePlan plan, RecurrentTargets targets)
    {
        int h = dir.Hidden, gh = 3 * h;
        dir.Cell = TensorMemory.Output(plan.Rows * h);
        var biasN = dir.BiasHh is { } b ? b.Data.AsSpan(2 * h, h) : [];
        for (int s = 0; s < plan.Steps; s++)
        {
            int bs = plan.BatchSizes[s], off = plan.Offsets[s];
            Gemm.Multiply(false, false, bs, 2 * h, h, dir.States, off * h, h, dir.WeightHhT, 0, gh, dir.Gates, off * gh, gh, accumulate: true);
            Gemm.Multiply(false, false, bs, h, h, dir.States, off * h, h, dir.WeightHhT, 2 * h, gh, dir.Cell, off * h, h, accumulate: false);
            bool more = s + 1 < plan.Steps;
            int nextBs = more ? plan.BatchSizes[s + 1] : 0, nextOff = more ? plan.Offsets[s + 1] : 0;
            for (int i = 0; i < bs; i++)
            {
                int p = off + i;
                var state = i < nextBs
                    ? dir.States.AsSpan((nextOff + i) * h, h)
                    : targets.FinalHidden.AsSpan(targets.StateOffset + (plan.Order[i] * h), h);
                GruCellKernel.Forward(dir.Gates.AsSpan(p * gh, gh), dir.Cell.AsSpan(p * h, h), biasN, dir.States.AsSpan(p * h, h), state);
                state.CopyTo(targets.Output.AsSpan((dir.Sources[p] * targets.Stride) + targets.Column, h));
            }
        }
    }

    public static (float[] Input, float[] Hidden) Backward(
        RecurrentDirection dir, SequencePlan plan, float[] gradOutput, int column, int stride, float[] dh, float[]? dc)
    {
        int h = dir.Hidden, gh = 3 * h;
        var dInput = TensorMemory.Temporary(plan.Rows * gh);
        var dHidden = TensorMemory.Temporary(plan.Rows * gh);
        for (int s = plan.Steps - 1; s >= 0; s--)
        {
            int bs = plan.BatchSizes[s], off = plan.Offsets[s];
            for (int i = 0; i < bs; i++)
            {
                int p = off + i;
                var dhi = dh.AsSpan(i * h, h);
                System.Numerics.Tensors.TensorPrimitives.Add(dhi, gradOutput.AsSpan((dir.Sources[p] * stride) + column, h), dhi);
                GruCellKernel.Backward(
                    dir.Gates.AsSpan(p * gh, gh), dir.Cell.AsSpan(p * h, h), dir.States.AsSpan(p * h, h), dhi,
                    dInput.AsSpan(p * gh, gh), dHidden.AsSpan(p * gh, gh));
            }

            Gemm.Multiply(false, false, bs, h, gh, dHidden, off * gh, gh, dir.WeightHh.Data, 0, h, dh, 0, h, accumulate: true);
        }

        return (dInput, dHidden);
    }
}
