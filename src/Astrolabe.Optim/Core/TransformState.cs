namespace Astrolabe.Optim;

/// <summary>
/// The state of one gradient transformation: per-parameter float buffers in named slots, scalars (such as a step
/// count), and the states of child transformations. Everything in it is saved and restored with the optimizer.
/// </summary>
public sealed class TransformState
{
    private readonly float[][][] slots;

    /// <summary>Creates a state.</summary>
    /// <param name="parameters">The parameters; each slot gets one buffer per parameter, of the parameter's length.</param>
    /// <param name="slotCount">How many per-parameter buffers (e.g. 2 for Adam's first and second moments).</param>
    /// <param name="scalarCount">How many scalars.</param>
    /// <param name="children">The states of child transformations.</param>
    public TransformState(IReadOnlyList<Parameter> parameters, int slotCount = 0, int scalarCount = 0, IReadOnlyList<TransformState>? children = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfNegative(slotCount);
        ArgumentOutOfRangeException.ThrowIfNegative(scalarCount);
        slots = new float[slotCount][][];
        for (int s = 0; s < slotCount; s++)
        {
            slots[s] = new float[parameters.Count][];
            for (int i = 0; i < parameters.Count; i++)
            {
                slots[s][i] = new float[parameters[i].Length];
            }
        }

        Scalars = new double[scalarCount];
        Children = children ?? [];
    }

    /// <summary>The number of per-parameter slots.</summary>
    public int SlotCount => slots.Length;

    /// <summary>The scalars (e.g. the step count), mutable in place.</summary>
    public double[] Scalars { get; }

    /// <summary>The states of child transformations, in order.</summary>
    public IReadOnlyList<TransformState> Children { get; }

    /// <summary>The number of parameters each slot has a buffer for.</summary>
    public int ParameterCount => slots.Length == 0 ? 0 : slots[0].Length;

    /// <summary>The buffer of slot <paramref name="slot"/> for parameter <paramref name="parameter"/>.</summary>
    public float[] Buffer(int slot, int parameter) => slots[slot][parameter];

    /// <summary>Fills every buffer of a slot with a value (e.g. an initial accumulator).</summary>
    public TransformState Fill(int slot, float value)
    {
        foreach (float[] b in slots[slot])
        {
            Array.Fill(b, value);
        }

        return this;
    }

    /// <summary>Increments scalar 0, the step count by convention, and returns the new count.</summary>
    public long NextCount() => (long)++Scalars[0];
}
