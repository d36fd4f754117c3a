using Astrolabe.Nn.Data;

namespace Astrolabe.Nn.Losses;

/// <summary>A training objective: a scalar tensor from the model's output and the batch's labels or targets.</summary>
public interface ILoss
{
    /// <summary>Computes the (mean) loss of a batch.</summary>
    /// <param name="output">The model's output for <c>batch.Inputs</c>.</param>
    /// <param name="batch">The batch, with labels or targets.</param>
    /// <returns>A scalar tensor, differentiable with respect to <paramref name="output"/>.</returns>
    Tensor Compute(Tensor output, Batch batch);
}

/// <summary>
/// Mean cross-entropy of logits [B, C] against class labels, with optional label smoothing, or (built from
/// <see cref="CrossEntropyOptions"/>) PyTorch's weighted mean with class weights and an ignored label.
/// </summary>
public sealed class CrossEntropyLoss : ILoss
{
    private readonly float labelSmoothing;
    private readonly CrossEntropyOptions? options;

    /// <summary>Plain mean cross-entropy.</summary>
    /// <param name="labelSmoothing">ε in [0, 1].</param>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0027", Justification = "Shipped signature, unchanged; the overload taking CrossEntropyOptions has no optional parameter and a different type in its place.")]
    public CrossEntropyLoss(float labelSmoothing = 0f) => this.labelSmoothing = labelSmoothing;

    /// <summary>Cross-entropy with class weights, an ignored label and label smoothing (see <see cref="Functional.CrossEntropy(Tensor, int[], CrossEntropyOptions)"/>).</summary>
    /// <param name="options">The options.</param>
    public CrossEntropyLoss(CrossEntropyOptions options) => this.options = options ?? throw new ArgumentNullException(nameof(options));

    /// <inheritdoc />
    public Tensor Compute(Tensor output, Batch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var labels = batch.Labels ?? throw new ArgumentException("CrossEntropyLoss needs class labels.");
        return options is null ? Functional.CrossEntropy(output, labels, labelSmoothing) : Functional.CrossEntropy(output, labels, options);
    }
}

/// <summary>Mean binary cross-entropy of logits against 0/1 targets (targets, or labels 0/1 for one output).</summary>
public sealed class BceWithLogitsLoss : ILoss
{
    /// <inheritdoc />
    public Tensor Compute(Tensor output, Batch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var t = batch.Targets ?? new Tensor(
            Array.ConvertAll(batch.Labels ?? throw new ArgumentException("BceWithLogitsLoss needs targets or 0/1 labels."), v => (float)v),
            [batch.Size, 1]);
        return Functional.BceWithLogits(output, t);
    }
}

/// <summary>Mean squared error against real-valued targets.</summary>
public sealed class MseLoss : ILoss
{
    /// <inheritdoc />
    public Tensor Compute(Tensor output, Batch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return Functional.MseLoss(output, batch.Targets ?? throw new ArgumentException("MseLoss needs real-valued targets."));
    }
}

/// <summary>Mean Huber loss against real-valued targets.</summary>
/// <param name="delta">δ, where the loss turns from quadratic to linear.</param>
public sealed class HuberLoss(float delta = 1f) : ILoss
{
    /// <inheritdoc />
    public Tensor Compute(Tensor output, Batch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return Functional.HuberLoss(output, batch.Targets ?? throw new ArgumentException("HuberLoss needs real-valued targets."), delta);
    }
}
