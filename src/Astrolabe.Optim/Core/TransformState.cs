namespace Astrolabe.Optim;

/// <summary>
/// The state of one gradient transformation: per-parameter float buffers and scalars in named, typed slots, and the
/// states of child transformations. Everything in it is saved and restored with the optimizer, by name.
/// </summary>
public sealed class TransformState
{
    private readonly BufferSlot[] bufferSlots;
    private readonly ScalarSlot[] scalarSlots;
    private readonly float[][][] buffers;
    private readonly double[] scalars;

    /// <summary>Creates a state with its slots at their initial values.</summary>
    /// <param name="parameters">The parameters; each buffer slot gets one array per parameter, of the parameter's length.</param>
    /// <param name="buffers">The per-parameter buffers (e.g. Adam's <c>m</c> and <c>v</c>).</param>
    /// <param name="scalars">The scalars (e.g. <see cref="ScalarSlot.Count"/>).</param>
    /// <param name="children">The states of child transformations.</param>
    /// <exception cref="ArgumentException">Two buffers or two scalars share a name.</exception>
    public TransformState(IReadOnlyList<Parameter> parameters, IReadOnlyList<BufferSlot>? buffers = null, IReadOnlyList<ScalarSlot>? scalars = null, IReadOnlyList<TransformState>? children = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        bufferSlots = Unique(buffers, b => b.Name, nameof(buffers));
        scalarSlots = Unique(scalars, s => s.Name, nameof(scalars));
        this.buffers = new float[bufferSlots.Length][][];
        for (int s = 0; s < bufferSlots.Length; s++)
        {
            this.buffers[s] = new float[parameters.Count][];
            for (int i = 0; i < parameters.Count; i++)
            {
                this.buffers[s][i] = new float[parameters[i].Length];
                if (bufferSlots[s].Initial != 0)
                {
                    Array.Fill(this.buffers[s][i], bufferSlots[s].Initial);
                }
            }
        }

        this.scalars = [.. scalarSlots.Select(s => s.Initial)];
        ParameterCount = parameters.Count;
        Children = children ?? [];
    }

    /// <summary>The buffer slots, in order.</summary>
    public IReadOnlyList<BufferSlot> BufferSlots => bufferSlots;

    /// <summary>The scalar slots, in order.</summary>
    public IReadOnlyList<ScalarSlot> ScalarSlots => scalarSlots;

    /// <summary>The states of child transformations, in order.</summary>
    public IReadOnlyList<TransformState> Children { get; }

    /// <summary>The number of parameters each buffer slot has an array for.</summary>
    public int ParameterCount { get; }

    /// <summary>The value of a scalar slot.</summary>
    /// <exception cref="ArgumentException">The state has no such scalar.</exception>
    public double this[ScalarSlot slot]
    {
        get => scalars[IndexOf(scalarSlots, s => s.Name, slot?.Name, "scalar")];
        set => scalars[IndexOf(scalarSlots, s => s.Name, slot?.Name, "scalar")] = value;
    }

    /// <summary>The array of buffer slot <paramref name="slot"/> for parameter <paramref name="parameter"/>.</summary>
    /// <exception cref="ArgumentException">The state has no such buffer.</exception>
    public float[] Buffer(BufferSlot slot, int parameter) => buffers[IndexOf(bufferSlots, b => b.Name, slot?.Name, "buffer")][parameter];

    /// <summary>Adds 1 to a scalar (a step count) and returns the new value.</summary>
    /// <exception cref="ArgumentException">The state has no such scalar.</exception>
    public long Increment(ScalarSlot slot) => (long)++scalars[IndexOf(scalarSlots, s => s.Name, slot?.Name, "scalar")];

    /// <summary>
    /// Objects the owning transformation reuses from step to step (not saved: rebuilt from the buffers on first use).
    /// </summary>
    internal object? Reusable { get; set; }

    /// <summary>The array of buffer slot number <paramref name="slot"/> (in <see cref="BufferSlots"/> order) for a parameter.</summary>
    internal float[] BufferAt(int slot, int parameter) => buffers[slot][parameter];

    /// <summary>The scalars in <see cref="ScalarSlots"/> order, mutable.</summary>
    internal double[] ScalarValues => scalars;

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2208", Justification = "Thrown on behalf of the public members, whose parameter is named slot.")]
    private static int IndexOf<T>(T[] slots, Func<T, string> name, string? wanted, string kind)
    {
        ArgumentNullException.ThrowIfNull(wanted, "slot");
        for (int k = 0; k < slots.Length; k++)
        {
            if (string.Equals(name(slots[k]), wanted, StringComparison.Ordinal))
            {
                return k;
            }
        }

        throw new ArgumentException($"The state has no {kind} slot '{wanted}' (it has {(slots.Length == 0 ? "none" : string.Join(", ", slots.Select(name)))}).", "slot");
    }

    private static T[] Unique<T>(IReadOnlyList<T>? slots, Func<T, string> name, string argument)
    {
        T[] result = [.. slots ?? []];
        var duplicate = result.GroupBy(name).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null ? result : throw new ArgumentException($"Two slots are named '{duplicate.Key}'; names must be unique.", argument);
    }
}
