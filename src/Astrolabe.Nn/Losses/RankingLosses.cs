using Astrolabe.Nn.Data;

namespace Astrolabe.Nn.Losses;

/// <summary>
/// Bayesian personalised ranking loss on model output [B, 2]: column 0 the observed item's score, column 1 the
/// sampled negative's (see <see cref="Functional.BprLoss"/>). The batch's labels and targets are not read.
/// </summary>
public sealed class BprLoss : ILoss
{
    /// <inheritdoc />
    public Tensor Compute(Tensor output, Batch batch)
    {
        ArgumentNullException.ThrowIfNull(output);
        return Functional.BprLoss(Functional.Column(output, 0, "BprLoss"), Functional.Column(output, 1, "BprLoss"));
    }
}

/// <summary>
/// Margin ranking loss on model output [B, 2] (the two scores of each pair) against real-valued targets ±1 (see
/// <see cref="Functional.MarginRankingLoss"/>).
/// </summary>
/// <param name="margin">The margin.</param>
public sealed class MarginRankingLoss(float margin = 0f) : ILoss
{
    /// <inheritdoc />
    public Tensor Compute(Tensor output, Batch batch)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(batch);
        var target = batch.Targets ?? throw new ArgumentException("MarginRankingLoss needs targets ±1.");
        return Functional.MarginRankingLoss(Functional.Column(output, 0, "MarginRankingLoss"), Functional.Column(output, 1, "MarginRankingLoss"), target, margin);
    }
}
