namespace Astrolabe.Nn;

/// <summary>The result of <see cref="MultiheadAttention.Forward(Tensor, Tensor, Tensor, bool[,], AttentionMask, bool)"/>.</summary>
/// <param name="Output">The attention output [B, L, E].</param>
/// <param name="Weights">
/// The attention weights averaged over heads [B, L, S] (after dropout, as PyTorch returns them; gradients flow
/// through them), or null when they were not asked for.
/// </param>
public sealed record AttentionResult(Tensor Output, Tensor? Weights);
