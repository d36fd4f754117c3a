namespace Astrolabe.Nn;

/// <summary>
/// The checked operands of a recurrent op: a batch-first input [batch, time, input], the weights in PyTorch's flat
/// order (per layer, per direction: W_ih, W_hh, then b_ih, b_hh when there are biases), optional initial states.
/// </summary>
internal sealed class RecurrentSpec
{
    private readonly IReadOnlyList<Tensor> _weights;
    private readonly int _perDirection;

    private RecurrentSpec(string layer, Tensor input, IReadOnlyList<Tensor> weights, int layers, int directions, int hidden, bool bias)
    {
        Layer = layer;
        Input = input;
        _weights = weights;
        Layers = layers;
        Directions = directions;
        Hidden = hidden;
        HasBias = bias;
        _perDirection = bias ? 4 : 2;
        BatchSize = input.Dim(0);
        Time = input.Dim(1);
        InputSize = input.Dim(2);
    }

    public string Layer { get; }

    public Tensor Input { get; }

    public int Layers { get; }

    public int Directions { get; }

    public int Hidden { get; }

    public bool HasBias { get; }

    public int BatchSize { get; }

    public int Time { get; }

    public int InputSize { get; }

    public Tensor? InitialHidden { get; private init; }

    public Tensor? InitialCell { get; private init; }

    /// <summary>The weights of direction k = layer·directions + direction.</summary>
    public (Tensor Wih, Tensor Whh, Tensor? Bih, Tensor? Bhh) Weights(int k)
    {
        int i = k * _perDirection;
        return HasBias
            ? (_weights[i], _weights[i + 1], _weights[i + 2], _weights[i + 3])
            : (_weights[i], _weights[i + 1], null, null);
    }

    /// <summary>The tensors the op's result depends on: input, given initial states, every weight.</summary>
    public Tensor[] Operands()
    {
        var list = new List<Tensor>(_weights.Count + 3) { Input };
        if (InitialHidden is not null)
        {
            list.Add(InitialHidden);
        }

        if (InitialCell is not null)
        {
            list.Add(InitialCell);
        }

        list.AddRange(_weights);
        return [.. list];
    }

    /// <summary>Checks every shape and names <paramref name="layer"/> in each error.</summary>
    public static RecurrentSpec Create(
        string layer, int gates, Tensor input, IReadOnlyList<Tensor> weights, int numLayers, bool bidirectional,
        Tensor? h0, Tensor? c0)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numLayers);
        int directions = bidirectional ? 2 : 1;
        int count = numLayers * directions;
        bool bias = weights.Count == 4 * count;
        if (!bias && weights.Count != 2 * count)
        {
            throw new ArgumentException(
                $"{layer}: {weights.Count} weight tensors for {numLayers} layer(s) × {directions} direction(s); expected {2 * count} (W_ih, W_hh each) or {4 * count} (with b_ih, b_hh).", nameof(weights));
        }

        if (input.Rank != 3)
        {
            throw new ArgumentException($"{layer}: expected a batch-first input [batch, time, features], got {Shapes.Format(input.ShapeSpan)}.", nameof(input));
        }

        if (input.Dim(0) == 0)
        {
            throw new ArgumentException($"{layer}: empty batch (input {Shapes.Format(input.ShapeSpan)}).", nameof(input));
        }

        if (input.Dim(1) == 0)
        {
            throw new ArgumentException($"{layer}: empty sequences (input {Shapes.Format(input.ShapeSpan)} has no time steps).", nameof(input));
        }

        var whh0 = weights[1];
        if (whh0.Rank != 2 || whh0.Dim(1) == 0 || whh0.Dim(0) != gates * whh0.Dim(1))
        {
            throw new ArgumentException($"{layer}: weight_hh_l0 must be [{gates}·hidden, hidden], got {Shapes.Format(whh0.ShapeSpan)}.", nameof(weights));
        }

        int hidden = whh0.Dim(1);
        var spec = new RecurrentSpec(layer, input, weights, numLayers, directions, hidden, bias)
        {
            InitialHidden = h0,
            InitialCell = c0,
        };
        if (weights[0].Rank == 2 && weights[0].Dim(1) != input.Dim(2))
        {
            throw new ArgumentException(
                $"{layer}: input has {input.Dim(2)} features per step, the layer expects {weights[0].Dim(1)} (input {Shapes.Format(input.ShapeSpan)}).", nameof(input));
        }

        for (int k = 0; k < count; k++)
        {
            int l = k / directions;
            string suffix = $"_l{l}{(k % directions == 1 ? "_reverse" : "")}";
            int f = l == 0 ? input.Dim(2) : directions * hidden;
            var (wih, whh, bih, bhh) = spec.Weights(k);
            RequireShape(layer, "weight_ih" + suffix, wih, gates * hidden, f);
            RequireShape(layer, "weight_hh" + suffix, whh, gates * hidden, hidden);
            if (bih is not null && bhh is not null)
            {
                RequireShape(layer, "bias_ih" + suffix, bih, gates * hidden);
                RequireShape(layer, "bias_hh" + suffix, bhh, gates * hidden);
            }
        }

        RequireShape(layer, "h0", h0, count, input.Dim(0), hidden);
        RequireShape(layer, "c0", c0, count, input.Dim(0), hidden);
        return spec;
    }

    private static void RequireShape(string layer, string name, Tensor? t, params int[] shape)
    {
        if (t is not null && !t.ShapeSpan.SequenceEqual(shape))
        {
            throw new ArgumentException($"{layer}: {name} must be {Shapes.Format(shape)}, got {Shapes.Format(t.ShapeSpan)}.");
        }
    }
}
