using Microsoft.Extensions.Logging;

namespace Astrolabe;

/// <summary>
/// How to create (or load) a study. Validated once by <see cref="Study.Create"/>: give either
/// <see cref="Direction"/> or <see cref="Directions"/> (several objectives), not both.
/// </summary>
public sealed record StudyOptions
{
    /// <summary>The study's name; a unique name is generated when null.</summary>
    public string? StudyName { get; init; }

    /// <summary>The direction of a single-objective study (default Minimize).</summary>
    public StudyDirection? Direction { get; init; }

    /// <summary>The directions of a multi-objective study, one per objective.</summary>
    public IReadOnlyList<StudyDirection>? Directions { get; init; }

    /// <summary>The sampler; default <see cref="RandomSampler"/>.</summary>
    public Sampler? Sampler { get; init; }

    /// <summary>The pruner; default <see cref="NopPruner"/>.</summary>
    public Pruner? Pruner { get; init; }

    /// <summary>The storage; default a new <see cref="InMemoryStorage"/>.</summary>
    public IStorage? Storage { get; init; }

    /// <summary>When a study of that name exists, load it instead of failing with <see cref="DuplicatedStudyException"/>.</summary>
    public bool LoadIfExists { get; init; }

    /// <summary>Receives a line per finished trial at Information level.</summary>
    public ILogger? Logger { get; init; }

    internal IReadOnlyList<StudyDirection> ResolveDirections()
    {
        if (Direction is not null && Directions is not null)
        {
            throw new ArgumentException("Give either Direction or Directions, not both.");
        }

        return Directions ?? [Direction ?? StudyDirection.Minimize];
    }
}
