namespace Astrolabe.Nn;

/// <summary>
/// Where operations get their arrays: from the <see cref="TensorArena"/> whose scope is open on this thread, else
/// freshly allocated (the caller then owns them, as before arenas).
/// </summary>
internal static class TensorMemory
{
    /// <summary>An array for an operation's output or a buffer its backward reads, arbitrary contents; the arena's until its scope closes.</summary>
    public static float[] Output(int length) =>
        TensorArena.Current is { } arena && length > 0 ? arena.TakeForScope(length) : GC.AllocateUninitializedArray<float>(length);

    /// <summary>A one-element <see cref="Output"/> holding <paramref name="value"/> (a loss or a sum).</summary>
    public static float[] Scalar(float value)
    {
        var a = Output(1);
        a[0] = value;
        return a;
    }

    /// <summary>Like <see cref="Output"/>, zeroed.</summary>
    public static float[] OutputZeroed(int length)
    {
        if (TensorArena.Current is { } arena && length > 0)
        {
            var a = arena.TakeForScope(length);
            Array.Clear(a);
            return a;
        }

        return new float[length];
    }

    /// <summary>An int array for indices an operation's backward reads, arbitrary contents; the arena's until its scope closes.</summary>
    public static int[] OutputInts(int length) =>
        TensorArena.Current is { } arena && length > 0 ? arena.TakeIntsForScope(length) : GC.AllocateUninitializedArray<int>(length);

    /// <summary>A temporary the caller hands back with <see cref="Release"/> before its scope closes (arbitrary contents).</summary>
    public static float[] Temporary(int length) =>
        TensorArena.Current is { } arena ? arena.Take(length) : GradPool.Rent(length);

    /// <summary>Hands back a <see cref="Temporary"/> (or an intermediate gradient); the caller holds no reference to it afterwards.</summary>
    public static void Release(float[] array)
    {
        if (TensorArena.Current is { } arena)
        {
            arena.Give(array);
        }
        else
        {
            GradPool.Return(array);
        }
    }
}
