namespace Astrolabe.Optim;

/// <summary>
/// A named per-parameter buffer of a transformation's state (one float array per parameter, of its length), such as
/// Adam's first moment <c>"m"</c>. The name is what a saved state records.
/// </summary>
/// <param name="Name">The name, unique among the buffers of one state.</param>
/// <param name="Initial">The value every element starts at.</param>
public sealed record BufferSlot(string Name, float Initial = 0f);

/// <summary>A named scalar of a transformation's state, such as its step count. The name is what a saved state records.</summary>
/// <param name="Name">The name, unique among the scalars of one state.</param>
/// <param name="Initial">The value it starts at.</param>
public sealed record ScalarSlot(string Name, double Initial = 0)
{
    /// <summary>The step count of a stateful transformation, by convention named <c>"count"</c>.</summary>
    public static ScalarSlot Count { get; } = new("count");
}
