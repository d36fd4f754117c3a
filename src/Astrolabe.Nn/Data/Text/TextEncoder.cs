using Astrolabe.Nn.Data.Sequences;

namespace Astrolabe.Nn.Data.Text;

/// <summary>
/// Turns texts into token-id sequences: <see cref="WordTokenizer"/>, then <see cref="Vocabulary"/> ids, cut to the
/// first <see cref="MaxLength"/> tokens. An empty or blank text becomes one unknown id (never an empty sequence).
/// </summary>
public sealed class TextEncoder
{
    /// <summary>Creates an encoder.</summary>
    /// <param name="tokenizer">The tokenizer.</param>
    /// <param name="vocabulary">The vocabulary (built on the training texts).</param>
    /// <param name="maxLength">The most tokens kept per text (≥ 1); later tokens are dropped.</param>
    public TextEncoder(WordTokenizer tokenizer, Vocabulary vocabulary, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        Tokenizer = tokenizer;
        Vocabulary = vocabulary;
        MaxLength = maxLength;
    }

    /// <summary>The tokenizer.</summary>
    public WordTokenizer Tokenizer { get; }

    /// <summary>The vocabulary.</summary>
    public Vocabulary Vocabulary { get; }

    /// <summary>The most tokens kept per text.</summary>
    public int MaxLength { get; }

    /// <summary>
    /// Builds the vocabulary on <paramref name="trainingTexts"/> (see <see cref="Vocabulary.Build"/>) and returns the encoder.
    /// </summary>
    /// <param name="trainingTexts">The training texts only.</param>
    /// <param name="tokenizer">The tokenizer.</param>
    /// <param name="maxLength">The most tokens kept per text.</param>
    /// <param name="minCount">The fewest occurrences a kept token has.</param>
    /// <param name="maxSize">The most ids, reserved included, or null.</param>
    /// <returns>The encoder.</returns>
    public static TextEncoder Fit(IEnumerable<string> trainingTexts, WordTokenizer tokenizer, int maxLength, int minCount = 1, int? maxSize = null)
    {
        ArgumentNullException.ThrowIfNull(trainingTexts);
        ArgumentNullException.ThrowIfNull(tokenizer);
        return new TextEncoder(tokenizer, Vocabulary.Build(trainingTexts.Select(tokenizer.Tokenize), minCount, maxSize), maxLength);
    }

    /// <summary>The ids of <paramref name="text"/>: 1 to <see cref="MaxLength"/> ids, each in [1, vocabulary size).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The ids.</returns>
    public int[] Encode(string text) => Vocabulary.Encode(Tokenizer.Tokenize(text), MaxLength);

    /// <summary>Encodes every text into a dataset.</summary>
    /// <param name="texts">The texts.</param>
    /// <param name="labels">One class per text, or null.</param>
    /// <returns>The dataset, with the vocabulary's size.</returns>
    public SequenceDataset EncodeAll(IReadOnlyList<string> texts, int[]? labels)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return SequenceDataset.Create([.. texts.Select(Encode)], labels, Vocabulary.Count);
    }
}
