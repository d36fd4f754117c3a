namespace Astrolabe.Nn;

/// <summary>
/// What <see cref="Lstm"/> and <see cref="Gru"/> share: the sizes, and parameters named and laid out as PyTorch's
/// (<c>weight_ih_l{k}</c> [gates·hidden, in], <c>weight_hh_l{k}</c> [gates·hidden, hidden], <c>bias_ih_l{k}</c>,
/// <c>bias_hh_l{k}</c> [gates·hidden], with the suffix <c>_reverse</c> for the backward direction), all initialised
/// U(−1/√hidden, 1/√hidden) in that order, so a PyTorch state dict maps onto them name by name.
/// </summary>
public abstract class RecurrentLayer : Module
{
    private readonly (string Name, Tensor Tensor)[] _parameters;
    private readonly Rng _dropoutRng;

    /// <summary>Creates the parameters.</summary>
    /// <param name="gates">The gates per hidden unit (4 for LSTM, 3 for GRU).</param>
    /// <param name="inputSize">The features per step of the input (positive).</param>
    /// <param name="hiddenSize">The hidden units per direction (positive).</param>
    /// <param name="numLayers">The stacked layers (positive).</param>
    /// <param name="bidirectional">Whether each layer also runs backwards.</param>
    /// <param name="dropout">Dropout on the outputs of every layer but the last, in training, in [0, 1).</param>
    /// <param name="bias">Whether the layers have biases.</param>
    /// <param name="rng">The random source for initialisation and dropout masks (default: <see cref="Seed"/>).</param>
    private protected RecurrentLayer(int gates, int inputSize, int hiddenSize, int numLayers, bool bidirectional, float dropout, bool bias, Rng? rng)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hiddenSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numLayers);
        if (dropout is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "Dropout probability must be in [0, 1).");
        }

        InputSize = inputSize;
        HiddenSize = hiddenSize;
        NumLayers = numLayers;
        Bidirectional = bidirectional;
        Dropout = dropout;
        HasBias = bias;
        rng ??= Seed.Next();
        int directions = bidirectional ? 2 : 1;
        var list = new List<(string, Tensor)>();
        for (int l = 0; l < numLayers; l++)
        {
            int inF = l == 0 ? inputSize : directions * hiddenSize;
            for (int d = 0; d < directions; d++)
            {
                string suffix = $"_l{l}{(d == 1 ? "_reverse" : "")}";
                list.Add(("weight_ih" + suffix, NewParameter("weight_ih" + suffix, gates * hiddenSize, inF)));
                list.Add(("weight_hh" + suffix, NewParameter("weight_hh" + suffix, gates * hiddenSize, hiddenSize)));
                if (bias)
                {
                    list.Add(("bias_ih" + suffix, NewParameter("bias_ih" + suffix, gates * hiddenSize)));
                    list.Add(("bias_hh" + suffix, NewParameter("bias_hh" + suffix, gates * hiddenSize)));
                }
            }
        }

        double bound = 1 / Math.Sqrt(hiddenSize);
        foreach (var (_, t) in list)
        {
            Init.Uniform(t, rng, bound);
        }

        _parameters = [.. list];
        FlatWeights = [.. list.Select(p => p.Item2)];
        _dropoutRng = new Rng((long)rng.NextUInt64());
    }

    /// <summary>The features per step of the input.</summary>
    public int InputSize { get; }

    /// <summary>The hidden units per direction.</summary>
    public int HiddenSize { get; }

    /// <summary>The stacked layers.</summary>
    public int NumLayers { get; }

    /// <summary>Whether each layer also runs backwards over the sequence.</summary>
    public bool Bidirectional { get; }

    /// <summary>The dropout probability between layers (training only).</summary>
    public float Dropout { get; }

    /// <summary>Whether the layers have biases.</summary>
    public bool HasBias { get; }

    /// <summary>The parameters in PyTorch's flat order (per layer, per direction: W_ih, W_hh, b_ih, b_hh).</summary>
    public IReadOnlyList<Tensor> FlatWeights { get; }

    /// <summary>The random source of the dropout masks.</summary>
    private protected Rng DropoutRng => _dropoutRng;

    /// <inheritdoc />
    protected override IEnumerable<(string Name, Tensor Tensor)> OwnParameters() => _parameters;
}
