using System.Text.Json.Serialization;

namespace Astrolabe.ModelSearch;

/// <summary>
/// A kind of network a model search can draw and build (<see cref="ModelFamilies.Mlp"/>, <see cref="ModelFamilies.Cnn"/>,
/// or one of your own, made known with <see cref="ModelFamilies.Register"/>). A family owns its structure: which
/// trial parameters draw it, how it is checked, and the layers from the input to the dense head. The rest of a
/// model (the hidden dense layers of <see cref="ModelConfig.Hidden"/> after the trunk, the output layer, and the
/// training recipe) is common to all families.
/// </summary>
/// <remarks>
/// Implementations are stateless singletons: a configuration holds its family by reference and is stored (JSON,
/// saved models) by <see cref="Name"/>, which therefore never changes once models have been saved.
/// </remarks>
[JsonConverter(typeof(ModelFamilyConverter))]
public interface IModelFamily
{
    /// <summary>
    /// The family's name: its spelling in <see cref="ModelConfig"/>'s JSON, in the trial parameter <c>family</c>,
    /// and the prefix of its own trial parameters (e.g. <c>cnn_blocks</c>). Lower-case letters, digits and '_'.
    /// </summary>
    string Name { get; }

    /// <summary>Whether the family can model samples of <paramref name="inputShape"/> (a CNN needs images).</summary>
    /// <param name="inputShape">One sample's shape: <c>[features]</c> or <c>[channels, height, width]</c>.</param>
    /// <returns>True when <see cref="SuggestStructure"/> and <see cref="AddTrunk"/> accept the shape.</returns>
    bool Supports(IReadOnlyList<int> inputShape);

    /// <summary>
    /// Draws the structure from the trial, with parameters named after <see cref="Name"/>; called only for shapes the
    /// family <see cref="Supports"/>, after the space drew (or fixed) <c>family</c>.
    /// </summary>
    /// <param name="trial">The trial that suggests.</param>
    /// <param name="inputShape">One sample's shape.</param>
    /// <param name="options">The space's ranges.</param>
    /// <returns>A configuration whose structural members (<see cref="ModelConfig.Hidden"/>, <see cref="ModelConfig.Channels"/>) are drawn; the space fills in the rest.</returns>
    ModelConfig SuggestStructure(Trial trial, IReadOnlyList<int> inputShape, ModelSpaceOptions options);

    /// <summary>Checks what only this family requires of a configuration (e.g. a CNN's convolution blocks).</summary>
    /// <param name="config">A configuration of this family whose widths and channel counts are positive.</param>
    /// <exception cref="ArgumentException">The reason, in one sentence.</exception>
    void ValidateStructure(ModelConfig config);

    /// <summary>
    /// Adds the layers from the input to the dense head, ending with flat features, and returns how many features
    /// they output. Layers are initialised from <see cref="LayerStack.NextRng"/> in the order they are added.
    /// </summary>
    /// <param name="config">The configuration (valid).</param>
    /// <param name="inputShape">One sample's shape (one the family <see cref="Supports"/>, or the reason is thrown).</param>
    /// <param name="layers">The network under construction.</param>
    /// <returns>Features per sample after the trunk.</returns>
    /// <exception cref="ArgumentException">The shape does not suit the configuration.</exception>
    int AddTrunk(ModelConfig config, IReadOnlyList<int> inputShape, LayerStack layers);

    /// <summary>The structure in a few words, e.g. <c>cnn [16, 32] → [64]</c> (the start of <see cref="ModelConfig.Describe"/>).</summary>
    /// <param name="config">A configuration of this family.</param>
    /// <returns>The text.</returns>
    string DescribeStructure(ModelConfig config);
}
