namespace Astrolabe.Nn;

/// <summary>
/// An open scope of a <see cref="TensorArena"/> (from <see cref="TensorArena.Enter"/>); disposing it hands back the
/// arrays taken since it opened, so no tensor created inside may be used afterwards.
/// </summary>
public readonly struct TensorArenaScope : IDisposable, IEquatable<TensorArenaScope>
{
    private readonly TensorArena? _arena;
    private readonly TensorArena? _previous;
    private readonly int _mark;
    private readonly int _intMark;

    internal TensorArenaScope(TensorArena arena, TensorArena? previous, int mark, int intMark)
    {
        _arena = arena;
        _previous = previous;
        _mark = mark;
        _intMark = intMark;
    }

    /// <summary>Closes the scope (on the thread that opened it).</summary>
    /// <exception cref="InvalidOperationException">It is not the innermost open scope of this thread.</exception>
    public void Dispose()
    {
        if (_arena is null)
        {
            return;
        }

        if (!ReferenceEquals(TensorArena.Current, _arena))
        {
            throw new InvalidOperationException("A TensorArena scope must be closed on its own thread, innermost first.");
        }

        _arena.Exit(_previous, _mark, _intMark);
    }

    /// <inheritdoc />
    public bool Equals(TensorArenaScope other) => ReferenceEquals(_arena, other._arena) && _mark == other._mark;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is TensorArenaScope other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_arena, _mark);

    /// <summary>Whether two scopes are the same.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>True when equal.</returns>
    public static bool operator ==(TensorArenaScope left, TensorArenaScope right) => left.Equals(right);

    /// <summary>Whether two scopes differ.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>True when different.</returns>
    public static bool operator !=(TensorArenaScope left, TensorArenaScope right) => !left.Equals(right);
}
