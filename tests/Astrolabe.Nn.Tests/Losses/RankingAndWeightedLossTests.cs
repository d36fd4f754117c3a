using Astrolabe.Nn.Data;
using Astrolabe.Nn.Losses;

namespace Astrolabe.Nn.Tests.Losses;

public class RankingAndWeightedLossTests
{
    [Fact]
    public void Weighted_cross_entropy_checks_its_options()
    {
        var logits = Tensor.Randn(new Rng(1), 3, 4);
        var e = Assert.Throws<ArgumentException>(() => Functional.CrossEntropy(logits, [0, 1, 2], new CrossEntropyOptions { Weight = [1f, 2f, 3f] }));
        Assert.Contains("3 class weights for 4 classes", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => Functional.CrossEntropy(logits, [0, 4, 2], new CrossEntropyOptions()));
        Assert.Throws<ArgumentException>(() => Functional.CrossEntropy(logits, [0, 1], new CrossEntropyOptions()));
        Assert.Throws<ArgumentException>(() => Functional.CrossEntropy(logits, [0, 1, 2], new CrossEntropyOptions { LabelSmoothing = 1.5f }));
    }

    [Fact]
    public void Cross_entropy_over_ignored_targets_only_is_nan_with_zero_gradient()
    {
        var logits = Tensor.Randn(new Rng(1), 2, 3).RequireGrad();
        var loss = Functional.CrossEntropy(logits, [-100, -100], new CrossEntropyOptions());
        Assert.True(float.IsNaN(loss.Item()));
        loss.Backward();
        Assert.All(logits.Grad!, g => Assert.Equal(0f, g));
    }

    [Fact]
    public void Unweighted_options_agree_with_the_plain_cross_entropy()
    {
        var logits = Tensor.Randn(new Rng(2), 5, 4);
        int[] targets = [0, 3, 2, 1, 1];
        Assert.Equal(Functional.CrossEntropy(logits, targets, 0.1f).Item(), Functional.CrossEntropy(logits, targets, new CrossEntropyOptions { LabelSmoothing = 0.1f }).Item(), 1e-6f);
    }

    [Fact]
    public void Bpr_is_stable_far_in_the_tails_and_checks_lengths()
    {
        var pos = new Tensor([100f, -100f], [2]);
        var neg = new Tensor([0f, 0f], [2]);
        Assert.Equal(50f, Functional.BprLoss(pos, neg).Item(), 1e-4f);
        Assert.Throws<ArgumentException>(() => Functional.BprLoss(pos, new Tensor([0f], [1])));
        Assert.Throws<ArgumentException>(() => Functional.MarginRankingLoss(pos, neg, new Tensor([1f], [1])));
    }

    [Fact]
    public void Loss_types_read_pairs_of_scores_from_two_columns()
    {
        var output = new Tensor([2f, 1f, 0f, 3f], [2, 2]).RequireGrad();
        var batch = new Batch(Tensor.Zeros(2, 1), null, new Tensor([1f, -1f], [2]));
        var bpr = new BprLoss().Compute(output, batch);
        Assert.Equal(Functional.BprLoss(new Tensor([2f, 0f], [2]), new Tensor([1f, 3f], [2])).Item(), bpr.Item());
        var margin = new MarginRankingLoss(0.5f).Compute(output, batch);
        Assert.Equal((0f + 0f) / 2, margin.Item()); // y=1: −(2−1)+0.5 < 0; y=−1: (0−3)+0.5 < 0
        Assert.Throws<ArgumentException>(() => new BprLoss().Compute(Tensor.Zeros(2, 3), batch));
        var weighted = new CrossEntropyLoss(new CrossEntropyOptions { Weight = [1f, 3f], IgnoreIndex = 0 });
        var labels = new Batch(Tensor.Zeros(2, 1), [0, 1], null);
        Assert.Equal(Functional.CrossEntropy(new Tensor([0f, 3f], [1, 2]), [1]).Item(), weighted.Compute(output, labels).Item(), 1e-6f);
    }
}
