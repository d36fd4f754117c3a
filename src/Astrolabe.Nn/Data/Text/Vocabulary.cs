namespace Astrolabe.Nn.Data.Text;

/// <summary>
/// A word-level vocabulary: token ids <see cref="Padding"/> = 0 and <see cref="Unknown"/> = 1 are reserved, and the
/// kept tokens get ids 2, 3, … in order of decreasing count (ties in ordinal string order), so the same texts give
/// the same ids on every run. Build it on the training part only; tokens of other parts that it does not know
/// encode as <see cref="Unknown"/>.
/// </summary>
public sealed class Vocabulary
{
    /// <summary>The padding id, which no token encodes to.</summary>
    public const int Padding = 0;

    /// <summary>The id of every token the vocabulary does not know.</summary>
    public const int Unknown = 1;

    /// <summary>How <see cref="TokenOf"/> spells <see cref="Padding"/>.</summary>
    public const string PaddingToken = "<pad>";

    /// <summary>How <see cref="TokenOf"/> spells <see cref="Unknown"/>.</summary>
    public const string UnknownToken = "<unk>";

    private readonly string[] _tokens;
    private readonly Dictionary<string, int> _ids;

    private Vocabulary(string[] tokens)
    {
        _tokens = tokens;
        _ids = new Dictionary<string, int>(tokens.Length, StringComparer.Ordinal);
        for (int i = 2; i < tokens.Length; i++)
        {
            _ids.Add(tokens[i], i);
        }
    }

    /// <summary>The number of ids, the two reserved ones included (the rows an embedding table needs).</summary>
    public int Count => _tokens.Length;

    /// <summary>
    /// Counts the tokens of <paramref name="texts"/> and keeps those seen at least <paramref name="minCount"/> times,
    /// the most frequent first, until the vocabulary has <paramref name="maxSize"/> ids (reserved ones included).
    /// </summary>
    /// <param name="texts">The tokenised training texts.</param>
    /// <param name="minCount">The fewest occurrences a kept token has (≥ 1).</param>
    /// <param name="maxSize">The most ids, the two reserved included (≥ 2), or null for no limit.</param>
    /// <returns>The vocabulary.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minCount"/> &lt; 1 or <paramref name="maxSize"/> &lt; 2.</exception>
    public static Vocabulary Build(IEnumerable<IReadOnlyList<string>> texts, int minCount = 1, int? maxSize = null)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentOutOfRangeException.ThrowIfLessThan(minCount, 1);
        if (maxSize is < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(maxSize), $"A vocabulary has at least the 2 reserved ids (padding, unknown); maxSize is {maxSize}.");
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            foreach (string token in text)
            {
                counts[token] = counts.GetValueOrDefault(token) + 1;
            }
        }

        var kept = counts.Where(kv => kv.Value >= minCount)
            .OrderByDescending(kv => kv.Value)
            .ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => kv.Key)
            .Take(maxSize is { } m ? m - 2 : int.MaxValue);
        return new Vocabulary([PaddingToken, UnknownToken, .. kept]);
    }

    /// <summary>A vocabulary of exactly these tokens, with ids 2, 3, … in the given order (e.g. one saved earlier).</summary>
    /// <param name="tokens">The tokens (distinct, no reserved spelling).</param>
    /// <returns>The vocabulary.</returns>
    /// <exception cref="ArgumentException">A token repeats or is a reserved spelling.</exception>
    public static Vocabulary FromTokens(IEnumerable<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        string[] list = [PaddingToken, UnknownToken, .. tokens];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string t in list)
        {
            if (!seen.Add(t))
            {
                throw new ArgumentException($"Vocabulary: token '{t}' appears twice (or is a reserved spelling).", nameof(tokens));
            }
        }

        return new Vocabulary(list);
    }

    /// <summary>The id of <paramref name="token"/>, or <see cref="Unknown"/>.</summary>
    /// <param name="token">A token.</param>
    /// <returns>The id.</returns>
    public int IdOf(string token) => _ids.GetValueOrDefault(token, Unknown);

    /// <summary>The token with id <paramref name="id"/> (<c>&lt;pad&gt;</c> and <c>&lt;unk&gt;</c> for the reserved ids).</summary>
    /// <param name="id">An id in [0, <see cref="Count"/>).</param>
    /// <returns>The token.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The id is outside the vocabulary.</exception>
    public string TokenOf(int id) => (uint)id < (uint)_tokens.Length
        ? _tokens[id]
        : throw new ArgumentOutOfRangeException(nameof(id), $"Vocabulary: id {id} is outside [0, {_tokens.Length}).");

    /// <summary>The kept tokens in id order, from id 2 (what <see cref="FromTokens"/> takes back).</summary>
    public IReadOnlyList<string> Tokens => _tokens.AsSpan(2).ToArray();

    /// <summary>
    /// The ids of <paramref name="tokens"/>, cut to the first <paramref name="maxLength"/>. An empty token list
    /// encodes as one <see cref="Unknown"/> id, so an encoded sequence is never empty.
    /// </summary>
    /// <param name="tokens">The tokens.</param>
    /// <param name="maxLength">The most ids kept (≥ 1), or null for all.</param>
    /// <returns>The ids, each in [1, <see cref="Count"/>).</returns>
    public int[] Encode(IReadOnlyList<string> tokens, int? maxLength = null)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (maxLength is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxLength), $"Vocabulary.Encode: maxLength must be at least 1, got {maxLength}.");
        }

        if (tokens.Count == 0)
        {
            return [Unknown];
        }

        var ids = new int[Math.Min(tokens.Count, maxLength ?? int.MaxValue)];
        for (int i = 0; i < ids.Length; i++)
        {
            ids[i] = IdOf(tokens[i]);
        }

        return ids;
    }
}
