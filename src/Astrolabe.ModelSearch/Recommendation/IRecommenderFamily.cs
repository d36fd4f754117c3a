using Astrolabe.Nn;

namespace Astrolabe.ModelSearch;

/// <summary>
/// A family of recommendation models: draws its structure from a trial (parameters prefixed by its name, e.g.
/// <c>mf_factors</c>) and builds the network of a configuration.
/// </summary>
public interface IRecommenderFamily
{
    /// <summary>The name a trial's <c>family</c> parameter and a configuration store, e.g. <c>mf</c>.</summary>
    string Name { get; }

    /// <summary>Draws the family's structure (factors, hidden widths, dropout) into <paramref name="config"/>.</summary>
    /// <param name="trial">The trial that suggests.</param>
    /// <param name="options">The ranges.</param>
    /// <param name="config">The configuration so far (family and recipe).</param>
    /// <returns>The configuration with the structure filled in.</returns>
    RecommenderConfig SuggestStructure(Trial trial, RecommenderSpaceOptions options, RecommenderConfig config);

    /// <summary>Builds an untrained network.</summary>
    /// <param name="config">The configuration (of this family).</param>
    /// <param name="users">Rows of the user tables.</param>
    /// <param name="items">Rows of the item tables.</param>
    /// <param name="globalMean">The constant μ added to every prediction.</param>
    /// <param name="rng">Initialisation and dropout randomness.</param>
    /// <returns>The network.</returns>
    RecommenderNetwork Build(RecommenderConfig config, int users, int items, float globalMean, Rng rng);

    /// <summary>The structure in a few words, e.g. <c>neumf 8 factors, MLP 32-16</c>.</summary>
    /// <param name="config">The configuration.</param>
    /// <returns>The description.</returns>
    string DescribeStructure(RecommenderConfig config);
}
