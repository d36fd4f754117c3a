namespace Astrolabe.Nn;

/// <summary>
/// Reuses the memory of activations, gradients and temporaries from one step (or inference batch) to the next, so
/// that after the first step a training step or a forward pass allocates (almost) nothing on the managed heap.
/// </summary>
/// <remarks>
/// <para>
/// <b>Ownership rule.</b> While a scope from <see cref="Enter"/> is open on a thread, every tensor an operation
/// creates on that thread (its <see cref="Tensor.Data"/>, the buffers it saves for backward, the gradients of
/// intermediate tensors) borrows its arrays from the arena. They belong to the arena again when the scope is
/// disposed: after that the tensor must not be read, written or back-propagated, because later operations reuse its
/// arrays. Read what you need first (<see cref="Tensor.Item"/>, a copy of <see cref="Tensor.Data"/>).
/// Parameters and their gradients, tensors you create yourself (constructor, <c>Tensor.Zeros</c>, …) and everything
/// created outside a scope are never taken over: they stay yours, as without an arena.
/// </para>
/// <para>
/// Arrays are kept by exact length, so a model that runs the same shapes every step finds all of them again; the
/// arena keeps the peak of one step (per distinct shape) until it is collected or <see cref="Trim"/> is called.
/// An arena is not thread-safe: a scope belongs to the thread that opened it. Scopes nest (an inner scope returns
/// only what was taken since it opened, and a scope of another arena takes over until it closes).
/// </para>
/// </remarks>
public sealed class TensorArena
{
    [ThreadStatic]
    private static TensorArena? t_current;

    private readonly Dictionary<int, Stack<float[]>> _free = [];
    private readonly Dictionary<int, Stack<int[]>> _freeInts = [];
    private readonly List<float[]> _taken = [];
    private readonly List<int[]> _takenInts = [];
    private long _freeBytes;
    private int _depth;

    /// <summary>Fills every array handed back with NaN (tests: a tensor read after its scope, or two live tensors on one array, shows up).</summary>
    internal bool Poison { get; set; }

    /// <summary>The arena whose scope is open on the current thread, or null.</summary>
    internal static TensorArena? Current => t_current;

    /// <summary>Bytes of arrays handed out since the outermost scope opened (step lifetime and transient together).</summary>
    public long BytesUsed { get; private set; }

    /// <summary>Bytes of arrays the arena keeps for the next steps while no one uses them.</summary>
    public long BytesKept => _freeBytes;

    /// <summary>
    /// Opens a scope on the current thread: operations take their arrays from this arena until the scope is disposed,
    /// which hands those arrays back (see the ownership rule in the remarks).
    /// </summary>
    /// <returns>The scope; dispose it on the same thread, innermost first.</returns>
    public TensorArenaScope Enter()
    {
        var previous = t_current;
        if (_depth == 0)
        {
            BytesUsed = 0;
        }

        _depth++;
        t_current = this;
        return new TensorArenaScope(this, previous, _taken.Count, _takenInts.Count);
    }

    /// <summary>Drops the arrays the arena keeps (those in use stay in use).</summary>
    public void Trim()
    {
        _free.Clear();
        _freeInts.Clear();
        _freeBytes = 0;
    }

    internal void Exit(TensorArena? previous, int mark, int intMark)
    {
        for (int i = _taken.Count - 1; i >= mark; i--)
        {
            Give(_taken[i]);
        }

        for (int i = _takenInts.Count - 1; i >= intMark; i--)
        {
            var a = _takenInts[i];
            if (!_freeInts.TryGetValue(a.Length, out var stack))
            {
                stack = new Stack<int[]>();
                _freeInts.Add(a.Length, stack);
            }

            if (Poison)
            {
                Array.Fill(a, int.MinValue);
            }

            stack.Push(a);
            _freeBytes += 4L * a.Length;
        }

        _taken.RemoveRange(mark, _taken.Count - mark);
        _takenInts.RemoveRange(intMark, _takenInts.Count - intMark);
        _depth--;
        t_current = previous;
    }

    /// <summary>An int array of exactly <paramref name="length"/> elements (e.g. pooling indices), arbitrary contents, in use until the scope closes.</summary>
    internal int[] TakeIntsForScope(int length)
    {
        BytesUsed += 4L * length;
        if (!(_freeInts.TryGetValue(length, out var stack) && stack.TryPop(out var a)))
        {
            a = GC.AllocateUninitializedArray<int>(length);
        }
        else
        {
            _freeBytes -= 4L * length;
        }

        _takenInts.Add(a);
        return a;
    }

    /// <summary>Whether <paramref name="array"/> was handed out by an open scope of this arena (and not yet taken back).</summary>
    internal bool IsInUse(float[] array)
    {
        for (int i = _taken.Count - 1; i >= 0; i--)
        {
            if (ReferenceEquals(_taken[i], array))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An array of exactly <paramref name="length"/> elements, arbitrary contents, in use until the scope closes.</summary>
    internal float[] TakeForScope(int length)
    {
        var a = Take(length);
        _taken.Add(a);
        return a;
    }

    /// <summary>An array of exactly <paramref name="length"/> elements, arbitrary contents, that the caller hands back with <see cref="Give"/> (or drops).</summary>
    internal float[] Take(int length)
    {
        BytesUsed += 4L * length;
        if (_free.TryGetValue(length, out var stack) && stack.TryPop(out var a))
        {
            _freeBytes -= 4L * length;
            return a;
        }

        return GC.AllocateUninitializedArray<float>(length);
    }

    /// <summary>Takes <paramref name="array"/> back; the caller must hold no reference to it afterwards.</summary>
    internal void Give(float[] array)
    {
        if (Poison)
        {
            Array.Fill(array, float.NaN);
        }

        if (!_free.TryGetValue(array.Length, out var stack))
        {
            stack = new Stack<float[]>();
            _free.Add(array.Length, stack);
        }

        stack.Push(array);
        _freeBytes += 4L * array.Length;
    }
}
