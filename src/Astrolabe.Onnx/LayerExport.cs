using Astrolabe.Nn;

namespace Astrolabe.Onnx;

/// <summary>Writes one layer into the graph: its nodes after <paramref name="input"/>, returning the value they output.</summary>
/// <param name="layer">The layer (in evaluation mode).</param>
/// <param name="at">Where it sits: the graph and the prefix of its node and weight names.</param>
/// <param name="input">The value the layer reads.</param>
/// <returns>The value it outputs (<paramref name="input"/> itself for a layer that does nothing at inference).</returns>
internal delegate string LayerExport(Module layer, LayerSite at, string input);

/// <summary>A layer's place in the graph under construction.</summary>
/// <param name="Graph">The graph.</param>
/// <param name="Prefix">The prefix of the layer's node and weight names, e.g. <c>layer3</c>.</param>
internal sealed record LayerSite(GraphBuilder Graph, string Prefix)
{
    /// <summary>A name for one of the layer's nodes or weights.</summary>
    public string Name(string part) => $"{Prefix}_{part}";
}
