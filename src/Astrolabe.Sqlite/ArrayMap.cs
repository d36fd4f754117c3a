using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Astrolabe;

/// <summary>
/// A read-only map held as one array of values beside keys shared with other maps: what a loaded trial's
/// parameters, intermediate values and attributes are kept in, at a fraction of a dictionary's size, since a
/// large study has hundreds of thousands of them. Enumerates in key order.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
internal sealed class ArrayMap<TKey, TValue>(MapKeys<TKey> keys, TValue[] values) : IReadOnlyDictionary<TKey, TValue>
    where TKey : notnull
{
    /// <summary>The keys, shared with other maps.</summary>
    public MapKeys<TKey> KeySet => keys;

    /// <inheritdoc />
    public int Count => values.Length;

    /// <inheritdoc />
    public IEnumerable<TKey> Keys => keys.All;

    /// <inheritdoc />
    public IEnumerable<TValue> Values => Array.AsReadOnly(values);

    /// <inheritdoc />
    public TValue this[TKey key] => keys.IndexOf(key) is >= 0 and var i ? values[i] : throw new KeyNotFoundException($"The key '{key}' was not present.");

    /// <inheritdoc />
    public bool ContainsKey(TKey key) => keys.IndexOf(key) >= 0;

    /// <inheritdoc />
    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        int i = keys.IndexOf(key);
        value = i >= 0 ? values[i] : default;
        return i >= 0;
    }

    /// <summary>Whether the values are these, in this order, as told by <paramref name="comparer"/>.</summary>
    public bool HasValues(ReadOnlySpan<TValue> other, IEqualityComparer<TValue> comparer) => values.AsSpan().SequenceEqual(other, comparer);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator()
    {
        for (int i = 0; i < values.Length; i++)
        {
            yield return new(keys[i], values[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
