namespace Astrolabe;

/// <summary>
/// How a genetic sampler keeps the next parent population from the members of a generation and the previous
/// parents: whole non-dominated fronts while they fit, then a choice within the front that overflows (NSGA-II: by
/// crowding distance; NSGA-III: by niches around reference points).
/// </summary>
internal interface IEliteSelection
{
    /// <summary>
    /// <paramref name="size"/> of <paramref name="candidates"/> (all of them when there are no more).
    /// <paramref name="generation"/> seeds any random tie-breaking, so that every worker keeps the same population.
    /// </summary>
    List<FrozenTrial> Select(IReadOnlyList<NsgaDominance.Member> candidates, int size, NsgaDominance dominance, int generation);
}
