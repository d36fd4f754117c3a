using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Astrolabe;

/// <summary>
/// A running trial's parameters, which only grow: <see cref="View"/> hands out, in O(1), a read-only dictionary of
/// those added so far that later additions do not change, so a snapshot per suggestion costs nothing instead of a
/// copy of every earlier parameter. Written by the trial's own thread; a view may be read from any thread (entries
/// below its count are never written again, and the lists only ever append).
/// </summary>
/// <typeparam name="TValue">The value type (internal doubles, or distributions).</typeparam>
internal sealed class GrowingParams<TValue>
{
    private readonly List<string> keys = [];
    private readonly List<TValue> values = [];

    /// <summary>Adds a parameter (the trial has checked that its name is new).</summary>
    public void Add(string key, TValue value)
    {
        values.Add(value);
        keys.Add(key);
    }

    /// <summary>The parameters added so far, as a dictionary that stays as it is.</summary>
    public IReadOnlyDictionary<string, TValue> View() => new Prefix(this, keys.Count);

    /// <summary>The first <c>count</c> parameters, found by a scan (a trial has tens of them, not thousands).</summary>
    private sealed class Prefix(GrowingParams<TValue> owner, int count) : IReadOnlyDictionary<string, TValue>
    {
        public int Count => count;

        public IEnumerable<string> Keys => Enumerable.Range(0, count).Select(i => owner.keys[i]);

        public IEnumerable<TValue> Values => Enumerable.Range(0, count).Select(i => owner.values[i]);

        public TValue this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The trial has no parameter '{key}'.");

        public bool ContainsKey(string key) => IndexOf(key) >= 0;

        public bool TryGetValue(string key, [MaybeNullWhen(false)] out TValue value)
        {
            int i = IndexOf(key);
            value = i >= 0 ? owner.values[i] : default;
            return i >= 0;
        }

        public IEnumerator<KeyValuePair<string, TValue>> GetEnumerator()
        {
            for (int i = 0; i < count; i++)
            {
                yield return new KeyValuePair<string, TValue>(owner.keys[i], owner.values[i]);
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        private int IndexOf(string key)
        {
            ArgumentNullException.ThrowIfNull(key);
            for (int i = 0; i < count; i++)
            {
                if (string.Equals(owner.keys[i], key, StringComparison.Ordinal))
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
