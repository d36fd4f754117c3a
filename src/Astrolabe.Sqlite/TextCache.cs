using System.Buffers;
using System.Text;

namespace Astrolabe;

/// <summary>
/// Values made from texts (distributions from their JSON, attribute values from theirs, one shared string per
/// name), made once per distinct text. Looked up by the text's UTF-8 bytes: a text seen before costs no new
/// string, and one of the last few texts seen (rows of one trial after another repeat them) costs no decoding
/// either. Not thread-safe.
/// </summary>
/// <typeparam name="T">What a text becomes.</typeparam>
internal sealed class TextCache<T>
{
    private const int RecentCount = 16;

    private readonly (byte[] Utf8, T Value)[] recent = new (byte[], T)[RecentCount];
    private int nextRecent;
    private readonly Dictionary<string, T> values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, T>.AlternateLookup<ReadOnlySpan<char>> lookup;
    private readonly Func<string, T> make;
    private readonly Func<T, bool> keep;

    /// <summary>A cache that makes values with <paramref name="make"/> and keeps those <paramref name="keep"/> accepts (all when null).</summary>
    public TextCache(Func<string, T> make, Func<T, bool>? keep = null)
    {
        lookup = values.GetAlternateLookup<ReadOnlySpan<char>>();
        this.make = make;
        this.keep = keep ?? (_ => true);
    }

    /// <summary>The value of the text whose UTF-8 bytes are given.</summary>
    public T Get(ReadOnlySpan<byte> utf8)
    {
        foreach (var (bytes, value) in recent)
        {
            if (bytes is not null && utf8.SequenceEqual(bytes))
            {
                return value;
            }
        }

        return Decoded(utf8);
    }

    private T Decoded(ReadOnlySpan<byte> utf8)
    {
        char[]? rented = null;
        Span<char> chars = utf8.Length <= 256 ? stackalloc char[utf8.Length] : (rented = ArrayPool<char>.Shared.Rent(utf8.Length));
        try
        {
            chars = chars[..Encoding.UTF8.GetChars(utf8, chars)];
            if (!lookup.TryGetValue(chars, out var value))
            {
                string text = new(chars);
                value = make(text);
                if (!keep(value))
                {
                    return value;
                }

                values[text] = value;
            }

            recent[nextRecent] = (utf8.ToArray(), value);
            nextRecent = (nextRecent + 1) % RecentCount;
            return value;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }
}
