namespace Astrolabe.Nn;

/// <summary>
/// A recurrent cell's part of the fused recurrent op: its gate count, how its biases enter the input projection, and
/// its step loops forward and back (the stack around it does the projections and the weight gradients).
/// </summary>
internal interface IRecurrentCell
{
    /// <summary>The gates per hidden unit (4 for the LSTM, 3 for the GRU).</summary>
    static abstract int Gates { get; }

    /// <summary>Whether the cell carries a cell state besides the hidden state.</summary>
    static abstract bool HasCellState { get; }

    /// <summary>The bias every row of the input projection starts from (the parts of the biases that can be summed there).</summary>
    static abstract void InputBias(ReadOnlySpan<float> biasIh, ReadOnlySpan<float> biasHh, Span<float> row);

    /// <summary>
    /// Runs the steps: <see cref="RecurrentDirection.Gates"/> holds the input projection with <see cref="InputBias"/>,
    /// <see cref="RecurrentDirection.States"/> block 0 the initial state; writes outputs and final states.
    /// </summary>
    static abstract void Forward(RecurrentDirection dir, SequencePlan plan, RecurrentTargets targets);

    /// <summary>
    /// Back through the steps, from the output gradient (same layout as the forward's targets) and the final states'
    /// gradients in <paramref name="dh"/> and <paramref name="dc"/> ([batch, hidden], sorted order; replaced by the
    /// initial states' gradients). Returns the pre-activation gradients [rows, gates·hidden] of the input side and of
    /// the hidden side (the same array when they agree), taken from <see cref="TensorMemory.Temporary"/>.
    /// </summary>
    static abstract (float[] Input, float[] Hidden) Backward(
        RecurrentDirection dir, SequencePlan plan, float[] gradOutput, int column, int stride, float[] dh, float[]? dc);
}
