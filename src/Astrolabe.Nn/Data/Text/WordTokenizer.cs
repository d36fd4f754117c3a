using System.Globalization;
using System.Text;

namespace Astrolabe.Nn.Data.Text;

/// <summary>
/// Splits text into lower-case word tokens. A word is a maximal run of Unicode letters, decimal digits and combining
/// marks, with apostrophes (<c>'</c> or <c>’</c>, both read as <c>'</c>) kept only between two such characters
/// (<c>don't</c>, <c>Elinor's</c>; a quote's apostrophe is not part of a word). Every other character that is not
/// white space — punctuation, symbols, a stray apostrophe — is a one-character token of its own when
/// <see cref="KeepPunctuation"/> is set (so <c>--</c> gives two <c>-</c> tokens), and is dropped otherwise.
/// Letters are lower-cased with the invariant culture's simple case mapping. There is no Unicode normalisation (the
/// library runs with invariant globalization), so a precomposed <c>é</c> and <c>e</c> + combining acute are
/// different tokens; normalise the text first where that matters.
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public sealed class WordTokenizer
{
    /// <summary>Creates a tokenizer.</summary>
    /// <param name="keepPunctuation">Whether punctuation and symbols become tokens (default) or are dropped.</param>
    public WordTokenizer(bool keepPunctuation = true) => KeepPunctuation = keepPunctuation;

    /// <summary>Whether punctuation and symbols become one-character tokens.</summary>
    public bool KeepPunctuation { get; }

    /// <summary>Splits <paramref name="text"/> into tokens (an empty list for empty or blank text).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The tokens, in order.</returns>
    public IReadOnlyList<string> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var runes = text.EnumerateRunes().ToArray();
        var tokens = new List<string>();
        var word = new StringBuilder();
        for (int i = 0; i < runes.Length; i++)
        {
            var r = runes[i];
            if (IsWordRune(r))
            {
                word.Append(Rune.ToLowerInvariant(r).ToString());
                continue;
            }

            if (IsApostrophe(r) && word.Length > 0 && i + 1 < runes.Length && IsWordRune(runes[i + 1]))
            {
                word.Append('\'');
                continue;
            }

            Flush(word, tokens);
            if (KeepPunctuation && !Rune.IsWhiteSpace(r) && !Rune.IsControl(r))
            {
                tokens.Add(IsApostrophe(r) ? "'" : Rune.ToLowerInvariant(r).ToString());
            }
        }

        Flush(word, tokens);
        return tokens;
    }

    private static bool IsWordRune(Rune r) =>
        Rune.IsLetterOrDigit(r) || Rune.GetUnicodeCategory(r) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    private static bool IsApostrophe(Rune r) => r.Value is '\'' or '\u2019';

    private static void Flush(StringBuilder word, List<string> tokens)
    {
        if (word.Length > 0)
        {
            tokens.Add(word.ToString());
            word.Clear();
        }
    }
}
