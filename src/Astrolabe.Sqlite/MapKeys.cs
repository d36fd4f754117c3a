namespace Astrolabe;

/// <summary>
/// The keys of an <see cref="ArrayMap{TKey, TValue}"/>, in map order, shared by every map with the same keys
/// (the parameters, steps or attribute keys of trial after trial of a study). Few keys are found by a scan,
/// many through an index built once for all maps that share them. Immutable once made.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
internal sealed class MapKeys<TKey>
    where TKey : notnull
{
    private const int ScanLimit = 8;

    private readonly TKey[] keys;
    private Dictionary<TKey, int>? index;

    /// <summary>Keys that must be distinct.</summary>
    public MapKeys(TKey[] keys)
    {
        this.keys = keys;
        All = Array.AsReadOnly(keys);
    }

    /// <summary>How many keys there are.</summary>
    public int Count => keys.Length;

    /// <summary>The key at a position.</summary>
    public TKey this[int position] => keys[position];

    /// <summary>The keys, in order.</summary>
    public IReadOnlyList<TKey> All { get; }

    /// <summary>
    /// <paramref name="last"/> when it holds exactly these keys in this order, else new keys (which become
    /// <paramref name="last"/>): maps made one after another share their keys while the keys stay the same.
    /// </summary>
    public static MapKeys<TKey> Reuse(ref MapKeys<TKey>? last, ReadOnlySpan<TKey> keys) =>
        last is not null && last.keys.AsSpan().SequenceEqual(keys) ? last : last = new MapKeys<TKey>(keys.ToArray());

    /// <summary>The position of a key, or -1.</summary>
    public int IndexOf(TKey key)
    {
        if (keys.Length <= ScanLimit)
        {
            return Array.IndexOf(keys, key);
        }

        index ??= Enumerable.Range(0, keys.Length).ToDictionary(i => keys[i]);
        return index.TryGetValue(key, out int position) ? position : -1;
    }
}
