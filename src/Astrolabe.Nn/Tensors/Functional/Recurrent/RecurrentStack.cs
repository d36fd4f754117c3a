using System.Numerics.Tensors;
using Astrolabe.Nn.Kernels;

namespace Astrolabe.Nn;

/// <summary>
/// The fused multi-layer, optionally bidirectional recurrent op behind <see cref="Functional.Lstm"/> and
/// <see cref="Functional.Gru"/>. Per layer and direction: the input gathered in packed order and projected for all
/// steps in one GEMM, the steps run by <typeparamref name="TCell"/>; backward through time per direction, then one
/// GEMM each for the W_ih and W_hh gradients over all steps and one for the input gradient.
/// </summary>
internal sealed class RecurrentStack<TCell>
    where TCell : IRecurrentCell
{
    private readonly RecurrentSpec _spec;
    private readonly SequencePlan _plan;
    private readonly RecurrentDirection[] _directions;
    private readonly float[]?[] _masks;

    public RecurrentStack(RecurrentSpec spec, int[]? lengths)
    {
        _spec = spec;
        _plan = SequencePlan.Create(spec.BatchSize, spec.Time, lengths, spec.Layer);
        _directions = new RecurrentDirection[spec.Layers * spec.Directions];
        _masks = new float[]?[spec.Layers];
    }

    /// <summary>The final states' gradients [layers·directions, batch, hidden], handed over by their tensors' backward.</summary>
    public float[]? GradFinalHidden { get; set; }

    /// <inheritdoc cref="GradFinalHidden"/>
    public float[]? GradFinalCell { get; set; }

    /// <summary>The number of packed rows (Σ lengths).</summary>
    public int Rows => _plan.Rows;

    private int Width => _spec.Directions * _spec.Hidden;

    /// <summary>Runs every layer; returns the last layer's output [batch, time, directions·hidden] and the final states.</summary>
    public (float[] Output, float[] Hidden, float[]? Cell) Forward(float dropout, bool training, Rng? rng)
    {
        var s = _spec;
        int stateLength = s.Layers * s.Directions * s.BatchSize * s.Hidden;
        var hidden = TensorMemory.Output(stateLength);
        var cell = TCell.HasCellState ? TensorMemory.Output(stateLength) : null;
        int length = s.BatchSize * s.Time * Width;
        var input = s.Input.Data;
        float[]? borrowed = null;
        for (int l = 0; ; l++)
        {
            bool last = l == s.Layers - 1;
            var y = last ? TensorMemory.Output(length) : TensorMemory.Temporary(length);
            if (last && _plan.HasPadding)
            {
                Array.Clear(y);
            }

            for (int d = 0; d < s.Directions; d++)
            {
                int k = (l * s.Directions) + d;
                _directions[k] = Prepare(l, d, input);
                TCell.Forward(_directions[k], _plan, new RecurrentTargets(y, d * s.Hidden, Width, hidden, cell, k * s.BatchSize * s.Hidden));
            }

            if (borrowed is not null)
            {
                TensorMemory.Release(borrowed);
            }

            if (last)
            {
                return (y, hidden, cell);
            }

            if (training && dropout > 0)
            {
                // Positions past a sequence's end are never read, so the mask may cover them too.
                var mask = TensorMemory.Output(length);
                rng!.FillMask(mask, dropout, 1f / (1f - dropout));
                TensorPrimitives.Multiply(y, mask, y);
                _masks[l] = mask;
            }

            input = y;
            borrowed = y;
        }
    }

    /// <summary>
    /// Back-propagates <paramref name="gradOutput"/> (the output's gradient) and the final states' gradients (when
    /// their tensors handed them over) into the input, the initial states and every weight that requires a gradient.
    /// </summary>
    public void Backward(float[] gradOutput)
    {
        var s = _spec;
        int h = s.Hidden, b = s.BatchSize, gh = TCell.Gates * h;
        var dY = gradOutput;
        bool ownsDY = false;
        for (int l = s.Layers - 1; l >= 0; l--)
        {
            int f = l == 0 ? s.InputSize : Width;
            float[]? dX = null;
            if (l > 0)
            {
                dX = TensorMemory.Temporary(b * s.Time * f);
                Array.Clear(dX);
            }
            else if (s.Input.RequiresGrad)
            {
                dX = s.Input.GradBuffer();
            }

            for (int d = 0; d < s.Directions; d++)
            {
                int k = (l * s.Directions) + d;
                var dir = _directions[k];
                var dh = TensorMemory.Temporary(b * h);
                Gather(GradFinalHidden, k, dh);
                float[]? dc = null;
                if (TCell.HasCellState)
                {
                    dc = TensorMemory.Temporary(b * h);
                    Gather(GradFinalCell, k, dc);
                }

                var (dInput, dHidden) = TCell.Backward(dir, _plan, dY, d * h, Width, dh, dc);
                WeightGradients(dir, dInput, dHidden);
                if (dX is not null)
                {
                    InputGradient(dir, dInput, dX);
                }

                Scatter(dh, k, s.InitialHidden);
                Scatter(dc, k, s.InitialCell);
                TensorMemory.Release(dh);
                if (dc is not null)
                {
                    TensorMemory.Release(dc);
                }

                TensorMemory.Release(dInput);
                if (!ReferenceEquals(dInput, dHidden))
                {
                    TensorMemory.Release(dHidden);
                }
            }

            if (ownsDY)
            {
                TensorMemory.Release(dY);
            }

            if (l > 0)
            {
                if (_masks[l - 1] is { } mask)
                {
                    TensorPrimitives.Multiply(dX!, mask, dX!);
                }

                dY = dX!;
                ownsDY = true;
            }
        }

        ReleaseFinalGradients();
    }

    private void ReleaseFinalGradients()
    {
        if (GradFinalHidden is { } gh)
        {
            TensorMemory.Release(gh);
            GradFinalHidden = null;
        }

        if (GradFinalCell is { } gc)
        {
            TensorMemory.Release(gc);
            GradFinalCell = null;
        }
    }

    /// <summary>W_ih and W_hh gradients in one GEMM each over all packed rows; bias gradients as column sums.</summary>
    private void WeightGradients(RecurrentDirection dir, float[] dInput, float[] dHidden)
    {
        int h = dir.Hidden, f = dir.InputSize, gh = TCell.Gates * h, rows = _plan.Rows;
        if (dir.WeightIh.RequiresGrad)
        {
            Gemm.Multiply(true, false, gh, f, rows, dInput, 0, gh, dir.Inputs, 0, f, dir.WeightIh.GradBuffer(), 0, f, accumulate: true);
        }

        if (dir.WeightHh.RequiresGrad)
        {
            Gemm.Multiply(true, false, gh, h, rows, dHidden, 0, gh, dir.States, 0, h, dir.WeightHh.GradBuffer(), 0, h, accumulate: true);
        }

        if (ReferenceEquals(dInput, dHidden) && dir.BiasIh is { RequiresGrad: true } && dir.BiasHh is { RequiresGrad: true })
        {
            // Both biases get the same sums (the LSTM's): one pass over the rows.
            var sums = TensorMemory.Temporary(gh);
            Array.Clear(sums);
            AddColumnSums(dInput, rows, sums);
            TensorPrimitives.Add(dir.BiasIh.GradBuffer(), sums, dir.BiasIh.GradBuffer());
            TensorPrimitives.Add(dir.BiasHh.GradBuffer(), sums, dir.BiasHh.GradBuffer());
            TensorMemory.Release(sums);
            return;
        }

        if (dir.BiasIh is { RequiresGrad: true } bih)
        {
            AddColumnSums(dInput, rows, bih.GradBuffer());
        }

        if (dir.BiasHh is { RequiresGrad: true } bhh)
        {
            AddColumnSums(dHidden, rows, bhh.GradBuffer());
        }
    }

    private static void AddColumnSums(float[] matrix, int rows, float[] into)
    {
        int width = into.Length;
        for (int p = 0; p < rows; p++)
        {
            TensorPrimitives.Add(into, matrix.AsSpan(p * width, width), into);
        }
    }

    /// <summary>dX[source row] += (dGates·W_ih)[packed row], through one GEMM into a packed temporary.</summary>
    private void InputGradient(RecurrentDirection dir, float[] dInput, float[] dX)
    {
        int f = dir.InputSize, gh = TCell.Gates * dir.Hidden, rows = _plan.Rows;
        var packed = TensorMemory.Temporary(rows * f);
        Gemm.Multiply(false, false, rows, f, gh, dInput, 0, gh, dir.WeightIh.Data, 0, f, packed, 0, f, accumulate: false);
        for (int p = 0; p < rows; p++)
        {
            var target = dX.AsSpan(dir.Sources[p] * f, f);
            TensorPrimitives.Add(target, packed.AsSpan(p * f, f), target);
        }

        TensorMemory.Release(packed);
    }

    /// <summary>Adds sorted-order gradients <paramref name="grad"/> into state k of <paramref name="states"/>' gradient.</summary>
    private void Scatter(float[]? grad, int k, Tensor? states)
    {
        if (grad is null || states is not { RequiresGrad: true })
        {
            return;
        }

        int h = _spec.Hidden, b = _spec.BatchSize;
        var g = states.GradBuffer();
        for (int i = 0; i < b; i++)
        {
            var target = g.AsSpan(((k * b) + _plan.Order[i]) * h, h);
            TensorPrimitives.Add(target, grad.AsSpan(i * h, h), target);
        }
    }

    /// <summary>Sets up one direction of layer <paramref name="l"/>: gathers its input, projects it, copies the initial states.</summary>
    private RecurrentDirection Prepare(int l, int d, float[] input)
    {
        var s = _spec;
        int h = s.Hidden, gh = TCell.Gates * h, k = (l * s.Directions) + d;
        int f = l == 0 ? s.InputSize : Width;
        var (wih, whh, bih, bhh) = s.Weights(k);
        var src = _plan.Sources(reverse: d == 1);
        int rows = _plan.Rows;
        var xp = TensorMemory.Output(rows * f);
        for (int p = 0; p < rows; p++)
        {
            input.AsSpan(src[p] * f, f).CopyTo(xp.AsSpan(p * f, f));
        }

        var gates = TensorMemory.Output(rows * gh);
        if (bih is not null && bhh is not null)
        {
            var row = gates.AsSpan(0, gh);
            TCell.InputBias(bih.Data, bhh.Data, row);
            for (int p = 1; p < rows; p++)
            {
                row.CopyTo(gates.AsSpan(p * gh, gh));
            }
        }

        Gemm.Multiply(false, true, rows, gh, f, xp, 0, f, wih.Data, 0, f, gates, 0, gh, accumulate: bih is not null);
        var whhT = TensorMemory.Output(h * gh);
        for (int g = 0; g < gh; g++)
        {
            for (int j = 0; j < h; j++)
            {
                whhT[(j * gh) + g] = whh.Data[(g * h) + j];
            }
        }

        var states = TensorMemory.Output(rows * h);
        Gather(s.InitialHidden, k, states);
        var dir = new RecurrentDirection
        {
            Hidden = h,
            InputSize = f,
            Sources = src,
            WeightIh = wih,
            WeightHh = whh,
            BiasIh = bih,
            BiasHh = bhh,
            Inputs = xp,
            Gates = gates,
            States = states,
            WeightHhT = whhT,
        };
        if (TCell.HasCellState)
        {
            dir.InitialCell = TensorMemory.Output(s.BatchSize * h);
            Gather(s.InitialCell, k, dir.InitialCell);
        }

        return dir;
    }

    /// <summary>Copies state k of <paramref name="states"/> ([layers·directions, batch, hidden], or zeros when null) into sorted row order.</summary>
    private void Gather(Tensor? states, int k, float[] into) => Gather(states?.Data, k, into);

    private void Gather(float[]? states, int k, float[] into)
    {
        int h = _spec.Hidden, b = _spec.BatchSize;
        if (states is null)
        {
            Array.Clear(into, 0, b * h);
            return;
        }

        for (int i = 0; i < b; i++)
        {
            states.AsSpan((((k * b) + _plan.Order[i]) * h), h).CopyTo(into.AsSpan(i * h, h));
        }
    }
}
