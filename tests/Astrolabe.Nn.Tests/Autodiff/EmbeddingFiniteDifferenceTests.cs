using static Astrolabe.Nn.Tests.Autodiff.GradCheck;

namespace Astrolabe.Nn.Tests.Autodiff;

public class EmbeddingFiniteDifferenceTests
{
    /// <summary>
    /// The padding row's gradient is masked (PyTorch's semantics, not a derivative), so finite differences check the
    /// lookup and the masked gradient is compared with the true one, padding row set to zero.
    /// </summary>
    [Theory]
    [InlineData(1, 7, 3)]
    [InlineData(2, 5, 6)]
    public void Embedding_with_padding(int seed, int rows, int dim)
    {
        var rng = new Random(seed);
        int[] idx = [.. Enumerable.Range(0, 9).Select(_ => rng.Next(rows))];
        Check(t => Functional.Embedding(idx, [3, 3], t[0]), [Random(seed, rows, dim)]);
        var go = Random(seed + 10, 3, 3, dim).Data;
        var plain = Random(seed, rows, dim).RequireGrad();
        var padded = Random(seed, rows, dim).RequireGrad();
        Functional.Embedding(idx, [3, 3], plain).Backward(go);
        Functional.Embedding(idx, [3, 3], padded, paddingIdx: idx[0]).Backward(go);
        for (int i = 0; i < plain.Length; i++)
        {
            Assert.Equal(i / dim == idx[0] ? 0f : plain.Grad![i], padded.Grad![i]);
        }
    }

    [Theory]
    [InlineData(3, EmbeddingBagMode.Sum)]
    [InlineData(4, EmbeddingBagMode.Mean)]
    public void EmbeddingBag_with_empty_bags_and_padding(int seed, EmbeddingBagMode mode)
    {
        int[] idx = [1, 0, 4, 4, 2, 0, 3, 1];
        int[] offsets = [0, 3, 3, 5, 8];
        Check(t => Functional.EmbeddingBag(idx, offsets, t[0], mode, paddingIdx: 0), [Random(seed, 6, 4)]);
    }

    [Fact]
    public void EmbeddingBag_with_per_sample_weights()
    {
        int[] idx = [1, 2, 4, 2, 2, 3, 0];
        Check(t => Functional.EmbeddingBag(idx, [0, 2, 2, 6], t[0], EmbeddingBagMode.Sum, t[1]), [Random(5, 5, 3), Random(6, 7)]);
    }

    [Fact]
    public void Weighted_cross_entropy_with_ignored_rows_and_smoothing()
    {
        var options = new CrossEntropyOptions { Weight = [0.5f, 2f, 1f, 0.25f], IgnoreIndex = 2, LabelSmoothing = 0.15f };
        Check(t => Functional.CrossEntropy(t[0], [0, 2, 3, 1, 2, 1], options), [Random(7, 6, 4)]);
    }

    [Fact]
    public void Bpr_loss() => Check(t => Functional.BprLoss(t[0], t[1]), [Random(8, 9), Random(9, 9)]);

    [Fact]
    public void Margin_ranking_loss_away_from_the_hinge()
    {
        var x1 = Random(10, 12);
        var x2 = Random(11, 12);
        var y = new Tensor([.. Enumerable.Range(0, 12).Select(i => i % 3 == 0 ? -1f : 1f)], [12]);
        for (int i = 0; i < 12; i++)
        {
            float h = (-y.Data[i] * (x1.Data[i] - x2.Data[i])) + 0.2f;
            if (MathF.Abs(h) < 0.05f)
            {
                x1.Data[i] += 0.2f;
            }
        }

        Check(t => Functional.MarginRankingLoss(t[0], t[1], y, 0.2f), [x1, x2]);
    }
}
