namespace Astrolabe;

/// <summary>
/// The space one parameter is drawn from. A distribution maps the values a user sees (the external
/// representation: a double, an int, a category) to the single double that samplers and storages work
/// with (the internal representation: the value itself for numbers, the index for categories).
/// Instances are immutable and validated when they are created; two distributions are equal when they
/// describe the same space.
/// </summary>
public abstract record Distribution
{
    private protected Distribution()
    {
    }

    /// <summary>True when the space holds exactly one value (the sampler is then not asked).</summary>
    public abstract bool IsSingle { get; }

    /// <summary>The internal value used when the space holds one value: the low bound, or the first choice.</summary>
    internal abstract double SingleValue { get; }

    /// <summary>Converts a user-facing value to the internal double; throws when the value is not of this space's kind.</summary>
    public abstract double ToInternal(object? external);

    /// <summary>Converts an internal double back to the user-facing value (a double, an int or a category).</summary>
    public abstract object? ToExternal(double internalValue);

    /// <summary>True when the internal value lies in the space (bounds, steps and category indices respected).</summary>
    public abstract bool Contains(double internalValue);
}
