namespace Astrolabe.ModelSearch;

/// <summary>How a shipped text dataset is encoded (<see cref="BuiltInTasks.LoadText"/>). Validated on load.</summary>
public sealed record TextTaskOptions
{
    /// <summary>The most tokens kept per text (later ones are dropped). Default 128 (austen passages have at most ~90).</summary>
    public int MaxLength { get; init; } = 128;

    /// <summary>The fewest training occurrences a vocabulary token has. Default 2.</summary>
    public int MinCount { get; init; } = 2;

    /// <summary>The most vocabulary ids, padding and unknown included. Default 20,000.</summary>
    public int MaxVocabulary { get; init; } = 20_000;

    /// <summary>Whether punctuation marks are tokens (default) or dropped.</summary>
    public bool KeepPunctuation { get; init; } = true;
}
