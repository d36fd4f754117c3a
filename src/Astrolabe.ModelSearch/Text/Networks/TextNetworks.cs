using Astrolabe.Nn;

namespace Astrolabe.ModelSearch;

/// <summary>The network of each text family, built from a configuration and a seed (the same seed, the same weights).</summary>
internal static class TextNetworks
{
    /// <summary>What a family needs to build its network.</summary>
    internal sealed record Shape(int VocabularySize, int Classes, int MaxLength);

    private static readonly Dictionary<TextFamilyKind, Func<TextModelConfig, Shape, Rng, TextNetwork>> s_builders = new()
    {
        [TextFamilyKind.Bag] = (c, s, rng) => new BagNetwork(c, s.VocabularySize, s.Classes, rng, sparse: c.BigramBuckets > 0),
        [TextFamilyKind.TextCnn] = (c, s, rng) => new TextCnnNetwork(c, s.VocabularySize, s.Classes, rng),
        [TextFamilyKind.Gru] = (c, s, rng) => new RecurrentTextNetwork(c, s.VocabularySize, s.Classes, rng),
        [TextFamilyKind.Lstm] = (c, s, rng) => new RecurrentTextNetwork(c, s.VocabularySize, s.Classes, rng),
        [TextFamilyKind.Transformer] = (c, s, rng) => new TransformerTextNetwork(c, s.VocabularySize, s.Classes, s.MaxLength, rng),
    };

    /// <summary>Checks the configuration and builds its network.</summary>
    /// <exception cref="ArgumentException">The configuration is invalid, or the shape does not fit it.</exception>
    public static TextNetwork Build(TextModelConfig config, Shape shape, long seed)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(shape);
        config.Validate();
        if (shape.VocabularySize < 2 || shape.Classes < 2 || shape.MaxLength < 1)
        {
            throw new ArgumentException($"A text network needs a vocabulary of at least 2 ids, at least 2 classes and a maximum length of at least 1; got {shape.VocabularySize}, {shape.Classes}, {shape.MaxLength}.");
        }

        return s_builders[config.Family](config, shape, new Rng(seed));
    }
}
