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

/// <summary>Mean cross-entropy of logits [B, C] against class labels, with optional label smoothing.</summary>
/// <param name="labelSmoothing">ε in [0, 1].</param>
public sealed class CrossEntropyLoss(float labelSmoothing = 0f) : ILoss
{
    /// <inheritdoc />
    public Tensor Compute(Tensor output, Batch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return Functional.CrossEntropy(output, batch.Labels ?? throw new ArgumentException("CrossEntropyLoss needs class labels."), labelSmoothing);
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
