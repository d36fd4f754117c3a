namespace Astrolabe.Nn;

/// <summary>
/// A multi-layer GRU over batch-first input [batch, time, input], exact to <c>torch.nn.GRU(batch_first=True)</c>
/// (see <see cref="Functional.Gru"/>); parameters as <see cref="RecurrentLayer"/> describes.
/// </summary>
public sealed class Gru : RecurrentLayer
{
    /// <summary>Creates the layer.</summary>
    /// <param name="inputSize">The features per step of the input (positive).</param>
    /// <param name="hiddenSize">The hidden units per direction (positive).</param>
    /// <param name="numLayers">The stacked layers (positive).</param>
    /// <param name="bidirectional">Whether each layer also runs backwards.</param>
    /// <param name="dropout">Dropout on the outputs of every layer but the last, in training, in [0, 1).</param>
    /// <param name="bias">Whether the layers have biases.</param>
    /// <param name="rng">The random source for initialisation and dropout masks (default: <see cref="Seed"/>).</param>
    public Gru(int inputSize, int hiddenSize, int numLayers = 1, bool bidirectional = false, float dropout = 0, bool bias = true, Rng? rng = null)
        : base(3, inputSize, hiddenSize, numLayers, bidirectional, dropout, bias, rng)
    {
    }

    /// <summary>The output [batch, time, directions·hidden] for full-length sequences and zero initial states.</summary>
    /// <param name="x">The input [batch, time, input].</param>
    /// <returns>The output.</returns>
    public override Tensor Forward(Tensor x) => Forward(x, null).Output;

    /// <summary>Runs the layer on sequences of the given lengths from the given initial state.</summary>
    /// <param name="x">The input [batch, time, input].</param>
    /// <param name="lengths">Each sequence's length (1 ≤ length ≤ time; see <see cref="Functional.Lstm"/>), or null for all full.</param>
    /// <param name="h0">The initial hidden states [layers·directions, batch, hidden], or null for zeros.</param>
    /// <returns>The output and the final hidden state.</returns>
    /// <exception cref="ArgumentException">A shape does not fit, or a length is out of range (naming the layer).</exception>
    public RecurrentOutput Forward(Tensor x, int[]? lengths, Tensor? h0 = null) =>
        Functional.Gru(x, FlatWeights, NumLayers, Bidirectional, h0, lengths, Dropout, IsTraining, DropoutRng, Name);
}
