using Astrolabe.Nn.Data;
using Astrolabe.Nn.Data.Ratings;
using Astrolabe.Nn.Data.Text;

namespace Astrolabe.ModelSearch;

/// <summary>
/// The shipped text and ratings datasets, whose splits are stored in their files (made by the scripts in
/// <c>data/convert/</c>):
/// <list type="bullet">
/// <item><c>austen</c> (<see cref="LoadText"/>): 12,886 passages of 50–67 words from Jane Austen's six novels,
/// "which book" (6 classes); stratified 80/10/10 with seed 42: 10,306 train, 1,290 validation, 1,290 test. Tokens by
/// <see cref="WordTokenizer"/>, vocabulary from the training part only.</item>
/// <item><c>insteval</c> (<see cref="LoadRatings"/>): 73,421 ratings 1–5 of 1,128 lecturers by 2,972 students; per
/// user 80/10/10 with seed 42: 61,235 train, 6,093 validation, 6,093 test; 2,642 test ranking queries with 99
/// sampled unrated items each.</item>
/// </list>
/// Neither is a <see cref="SearchTask"/>: their samples are token sequences or id pairs, not fixed-size feature
/// vectors, so <see cref="Load"/> refuses them with a message pointing here.
/// </summary>
public static partial class BuiltInTasks
{
    private static readonly Dictionary<string, string> s_textFiles = new(StringComparer.OrdinalIgnoreCase) { ["austen"] = "austen.tsv.gz" };

    private static readonly Dictionary<string, (string Ratings, string Queries)> s_ratingFiles = new(StringComparer.OrdinalIgnoreCase)
    {
        ["insteval"] = ("insteval.csv.gz", "insteval_test_negatives.csv.gz"),
    };

    /// <summary>The names <see cref="LoadText"/> accepts.</summary>
    public static IReadOnlyList<string> TextNames { get; } = [.. s_textFiles.Keys];

    /// <summary>The names <see cref="LoadRatings"/> accepts.</summary>
    public static IReadOnlyList<string> RatingsNames { get; } = [.. s_ratingFiles.Keys];

    /// <summary>Loads a shipped text dataset as a text-classification task.</summary>
    /// <param name="name">One of <see cref="TextNames"/> (case-insensitive).</param>
    /// <param name="options">The encoding (defaults when null).</param>
    /// <returns>The task.</returns>
    /// <exception cref="ArgumentException">Unknown name or invalid options.</exception>
    /// <exception cref="FileNotFoundException">The data file is missing.</exception>
    public static TextTask LoadText(string name, TextTaskOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        options ??= new TextTaskOptions();
        if (options.MaxLength < 1 || options.MinCount < 1 || options.MaxVocabulary < 2)
        {
            throw new ArgumentException($"TextTaskOptions: MaxLength ({options.MaxLength}) and MinCount ({options.MinCount}) must be ≥ 1 and MaxVocabulary ({options.MaxVocabulary}) ≥ 2.", nameof(options));
        }

        if (!s_textFiles.TryGetValue(name, out var file))
        {
            throw new ArgumentException($"Unknown text dataset '{name}'; choose one of: {string.Join(", ", TextNames)}.", nameof(name));
        }

        var split = LabelledTextFile.Load(DataFiles.Find(file));
        var encoder = TextEncoder.Fit(split.Train.Texts, new WordTokenizer(options.KeepPunctuation), options.MaxLength, options.MinCount, options.MaxVocabulary);
        return new TextTask(
            name.ToLowerInvariant(),
            encoder,
            encoder.EncodeAll(split.Train.Texts, split.Train.Labels),
            encoder.EncodeAll(split.Validation.Texts, split.Validation.Labels),
            encoder.EncodeAll(split.Test.Texts, split.Test.Labels),
            split.ClassNames);
    }

    /// <summary>Loads a shipped ratings dataset as a rating-prediction and ranking task.</summary>
    /// <param name="name">One of <see cref="RatingsNames"/> (case-insensitive).</param>
    /// <returns>The task.</returns>
    /// <exception cref="ArgumentException">Unknown name.</exception>
    /// <exception cref="FileNotFoundException">A data file is missing.</exception>
    public static RatingsTask LoadRatings(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!s_ratingFiles.TryGetValue(name, out var files))
        {
            throw new ArgumentException($"Unknown ratings dataset '{name}'; choose one of: {string.Join(", ", RatingsNames)}.", nameof(name));
        }

        return new RatingsTask(name.ToLowerInvariant(), RatingsFile.Load(DataFiles.Find(files.Ratings)), RankingQueries.Load(DataFiles.Find(files.Queries)));
    }

    /// <summary>The reason <see cref="Load"/> gives for a text or ratings dataset, or null for other names.</summary>
    private static string? NotAFeatureTask(string name) =>
        s_textFiles.ContainsKey(name)
            ? $"'{name}' is a text-classification dataset of token sequences; no fixed-size model family (mlp, cnn) can take it. Load it with BuiltInTasks.LoadText(\"{name}\") for a sequence model."
            : s_ratingFiles.ContainsKey(name)
                ? $"'{name}' is a ratings dataset of (user, item) pairs; no fixed-size model family (mlp, cnn) can take it. Load it with BuiltInTasks.LoadRatings(\"{name}\") for a recommendation model."
                : null;
}
