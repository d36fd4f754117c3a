namespace Astrolabe.Nn;

/// <summary>
/// Reuses the gradient buffers of intermediate tensors. Such a buffer lives only from the backward step of the node's
/// first consumer to its own backward step, and no reference to it escapes (<see cref="Tensor.Backward(float[])"/>
/// releases it), so the next backward pass can take it again instead of allocating: a CNN's training step otherwise
/// allocates as many bytes of gradients as of activations, and each collection of the young generation copies the
/// activations that are alive at that moment. Buffers are kept per thread (no locks), by exact length, only from
/// <see cref="MinLength"/> elements up, and at most <see cref="MaxBytesPerThread"/> bytes per thread (see <see cref="Return"/>).
/// </summary>
internal static class GradPool
{
    /// <summary>Shorter buffers are allocated as before: they cost the collector little.</summary>
    public const int MinLength = 16 * 1024;

    /// <summary>What one thread keeps at most.</summary>
    public const long MaxBytesPerThread = 128L * 1024 * 1024;

    [ThreadStatic]
    private static Dictionary<int, Stack<float[]>>? t_free;

    [ThreadStatic]
    private static long t_bytes;

    /// <summary>A zeroed buffer of exactly <paramref name="length"/> elements.</summary>
    public static float[] RentZeroed(int length)
    {
        if (TryPop(length) is { } buffer)
        {
            Array.Clear(buffer);
            return buffer;
        }

        return new float[length];
    }

    /// <summary>A buffer of exactly <paramref name="length"/> elements with arbitrary contents (the caller writes all of them).</summary>
    public static float[] Rent(int length) => TryPop(length) ?? GC.AllocateUninitializedArray<float>(length);

    private static float[]? TryPop(int length)
    {
        if (length >= MinLength && t_free is { } free && free.TryGetValue(length, out var stack) && stack.TryPop(out var buffer))
        {
            t_bytes -= 4L * length;
            return buffer;
        }

        return null;
    }

    /// <summary>
    /// Hands <paramref name="buffer"/> back; the caller must hold no reference to it afterwards. When keeping it would
    /// pass the cap, everything kept so far is dropped first: buffers of earlier models' shapes (a search trains many)
    /// would otherwise fill the pool for good.
    /// </summary>
    public static void Return(float[] buffer)
    {
        long bytes = 4L * buffer.Length;
        if (buffer.Length < MinLength || bytes > MaxBytesPerThread)
        {
            return;
        }

        if (t_bytes + bytes > MaxBytesPerThread)
        {
            Clear();
        }

        var free = t_free ??= [];
        if (!free.TryGetValue(buffer.Length, out var stack))
        {
            stack = new Stack<float[]>();
            free.Add(buffer.Length, stack);
        }

        stack.Push(buffer);
        t_bytes += bytes;
    }

    /// <summary>Drops every buffer this thread keeps.</summary>
    internal static void Clear()
    {
        t_free = null;
        t_bytes = 0;
    }

    /// <summary>How many bytes this thread keeps (for tests).</summary>
    internal static long BytesKept => t_bytes;
}
