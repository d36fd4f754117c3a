namespace Astrolabe.Nn;

/// <summary>
/// One direction of one layer of a recurrent stack: its weights and what its forward pass keeps for the backward
/// pass, all in the packed row order of the <see cref="SequencePlan"/> (packed row p is sorted row i at step s).
/// </summary>
internal sealed class RecurrentDirection
{
    public required int Hidden { get; init; }

    public required int InputSize { get; init; }

    /// <summary>The input row (<c>b·T + t</c>) each packed row reads and whose output it writes.</summary>
    public required int[] Sources { get; init; }

    public required Tensor WeightIh { get; init; }

    public required Tensor WeightHh { get; init; }

    public Tensor? BiasIh { get; init; }

    public Tensor? BiasHh { get; init; }

    /// <summary>The layer's input gathered in packed order, [rows, input].</summary>
    public required float[] Inputs { get; init; }

    /// <summary>[rows, gates·hidden]: the input projection, then the step's pre-activations, then the activations.</summary>
    public required float[] Gates { get; init; }

    /// <summary>[rows, hidden]: the state each packed row starts its step from (block 0 is the initial state).</summary>
    public required float[] States { get; init; }

    /// <summary>W_hhᵀ [hidden, gates·hidden], so the per-step product reads it in place.</summary>
    public required float[] WeightHhT { get; init; }

    /// <summary>[rows, hidden]: the LSTM's cell state after the step, or the GRU's <c>W_hn·h + b_hn</c>.</summary>
    public float[] Cell { get; set; } = [];

    /// <summary>[rows, hidden]: tanh of the LSTM's cell state (null for the GRU).</summary>
    public float[]? CellTanh { get; set; }

    /// <summary>[batch, hidden]: the LSTM's initial cell state in sorted row order (null for the GRU).</summary>
    public float[]? InitialCell { get; set; }
}
