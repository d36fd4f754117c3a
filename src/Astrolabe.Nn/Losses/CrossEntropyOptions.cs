namespace Astrolabe.Nn;

/// <summary>
/// The options of <c>torch.nn.functional.cross_entropy</c> beyond the logits and targets: per-class weights, an
/// ignored target value and label smoothing (see <see cref="Functional.CrossEntropy(Tensor, int[], CrossEntropyOptions)"/>).
/// </summary>
public sealed record CrossEntropyOptions
{
    /// <summary>A weight per class (its length must be the number of classes), or null for 1 each.</summary>
    public IReadOnlyList<float>? Weight { get; init; }

    /// <summary>A target value whose rows add nothing to the loss or its normaliser (default −100, as PyTorch).</summary>
    public int IgnoreIndex { get; init; } = -100;

    /// <summary>Label smoothing ε in [0, 1].</summary>
    public float LabelSmoothing { get; init; }
}
