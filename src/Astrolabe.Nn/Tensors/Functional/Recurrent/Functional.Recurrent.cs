namespace Astrolabe.Nn;

public static partial class Functional
{
    /// <summary>
    /// A multi-layer LSTM over a batch-first input, as <c>torch.nn.LSTM(batch_first=True)</c> computes it (gates
    /// i, f, g, o; <c>c' = f⊙c + i⊙g</c>, <c>h' = o⊙tanh(c')</c>), fused: forward and backward through time in one op.
    /// </summary>
    /// <param name="input">The input [batch, time, input].</param>
    /// <param name="weights">
    /// PyTorch's flat weights: for each layer, for each direction (forward, then reverse): <c>weight_ih</c>
    /// [4·hidden, in], <c>weight_hh</c> [4·hidden, hidden] and, with biases, <c>bias_ih</c>, <c>bias_hh</c> [4·hidden].
    /// The input width of layers after the first is directions·hidden.
    /// </param>
    /// <param name="numLayers">The number of stacked layers.</param>
    /// <param name="bidirectional">Whether each layer also runs backwards over the sequence.</param>
    /// <param name="h0">The initial hidden states [layers·directions, batch, hidden], or null for zeros.</param>
    /// <param name="c0">The initial cell states, laid out as <paramref name="h0"/>, or null for zeros.</param>
    /// <param name="lengths">
    /// The length of each sequence (1 ≤ length ≤ time), or null when all have the full length: steps past a length are
    /// padding, as with <c>pack_padded_sequence(enforce_sorted=False)</c> and <c>pad_packed_sequence(total_length=time)</c>.
    /// </param>
    /// <param name="dropout">The dropout probability on the outputs of every layer but the last, in [0, 1).</param>
    /// <param name="training">Whether dropout is applied.</param>
    /// <param name="rng">The random source for dropout masks (needed when dropout applies).</param>
    /// <param name="layer">The layer name used in error messages.</param>
    /// <returns>The output and the final hidden and cell states.</returns>
    /// <exception cref="ArgumentException">A shape does not fit, or a length is out of range (naming the layer).</exception>
    public static RecurrentOutput Lstm(
        Tensor input, IReadOnlyList<Tensor> weights, int numLayers = 1, bool bidirectional = false, Tensor? h0 = null,
        Tensor? c0 = null, int[]? lengths = null, float dropout = 0, bool training = false, Rng? rng = null, string layer = "LSTM") =>
        Recurrent<LstmCell>(layer, input, weights, numLayers, bidirectional, h0, c0, lengths, dropout, training, rng);

    /// <summary>
    /// A multi-layer GRU over a batch-first input, as <c>torch.nn.GRU(batch_first=True)</c> computes it (gates r, z, n;
    /// <c>n = tanh(W_in·x + b_in + r⊙(W_hn·h + b_hn))</c>, <c>h' = (1 − z)⊙n + z⊙h</c>), fused: forward and backward
    /// through time in one op.
    /// </summary>
    /// <param name="input">The input [batch, time, input].</param>
    /// <param name="weights">
    /// PyTorch's flat weights: for each layer, for each direction (forward, then reverse): <c>weight_ih</c>
    /// [3·hidden, in], <c>weight_hh</c> [3·hidden, hidden] and, with biases, <c>bias_ih</c>, <c>bias_hh</c> [3·hidden].
    /// </param>
    /// <param name="numLayers">The number of stacked layers.</param>
    /// <param name="bidirectional">Whether each layer also runs backwards over the sequence.</param>
    /// <param name="h0">The initial hidden states [layers·directions, batch, hidden], or null for zeros.</param>
    /// <param name="lengths">The length of each sequence (see <see cref="Lstm"/>), or null.</param>
    /// <param name="dropout">The dropout probability on the outputs of every layer but the last, in [0, 1).</param>
    /// <param name="training">Whether dropout is applied.</param>
    /// <param name="rng">The random source for dropout masks (needed when dropout applies).</param>
    /// <param name="layer">The layer name used in error messages.</param>
    /// <returns>The output and the final hidden state (<see cref="RecurrentOutput.Cell"/> is null).</returns>
    /// <exception cref="ArgumentException">A shape does not fit, or a length is out of range (naming the layer).</exception>
    public static RecurrentOutput Gru(
        Tensor input, IReadOnlyList<Tensor> weights, int numLayers = 1, bool bidirectional = false, Tensor? h0 = null,
        int[]? lengths = null, float dropout = 0, bool training = false, Rng? rng = null, string layer = "GRU") =>
        Recurrent<GruCell>(layer, input, weights, numLayers, bidirectional, h0, null, lengths, dropout, training, rng);

    private static RecurrentOutput Recurrent<TCell>(
        string layer, Tensor input, IReadOnlyList<Tensor> weights, int numLayers, bool bidirectional, Tensor? h0,
        Tensor? c0, int[]? lengths, float dropout, bool training, Rng? rng)
        where TCell : IRecurrentCell
    {
        var spec = RecurrentSpec.Create(layer, TCell.Gates, input, weights, numLayers, bidirectional, h0, c0);
        if (dropout is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(dropout), dropout, $"{layer}: dropout probability must be in [0, 1).");
        }

        bool dropping = training && dropout > 0 && numLayers > 1;
        if (dropping && rng is null)
        {
            throw new ArgumentNullException(nameof(rng), $"{layer}: dropout in training needs a random source.");
        }

        var stack = new RecurrentStack<TCell>(spec, lengths);
        var (y, hN, cN) = stack.Forward(dropping ? dropout : 0, dropping, rng);
        int b = spec.BatchSize, h = spec.Hidden, states = spec.Layers * spec.Directions;
        long flops = 0;
        for (int l = 0; l < spec.Layers; l++)
        {
            int f = l == 0 ? spec.InputSize : spec.Directions * h;
            flops += 2L * spec.Directions * stack.Rows * TCell.Gates * h * (f + h);
        }

        var output = Tensor.FromOp(y, [b, spec.Time, spec.Directions * h], o => stack.Backward(o.Grad!), spec.Operands())
            .CountFlops(layer, flops, () => 2 * flops);
        var hidden = Tensor.FromOp(hN, [states, b, h], o =>
        {
            stack.GradFinalHidden = Handover(o.Grad!);
            output.GradBuffer();
        }, output);
        Tensor? cell = null;
        if (cN is not null)
        {
            cell = Tensor.FromOp(cN, [states, b, h], o =>
            {
                stack.GradFinalCell = Handover(o.Grad!);
                output.GradBuffer();
            }, output);
        }

        return new RecurrentOutput(output, hidden, cell);
    }

    /// <summary>A copy of a final state's gradient for the recurrent op's backward, which releases it.</summary>
    private static float[] Handover(float[] grad)
    {
        var copy = TensorMemory.Temporary(grad.Length);
        grad.CopyTo(copy, 0);
        return copy;
    }
}
