using Astrolabe.Optim;

namespace Astrolabe.Nn.Tests.Layers;

public class EmbeddingTests
{
    [Fact]
    public void Padding_row_starts_at_zero_and_gets_no_gradient()
    {
        var emb = new Embedding(5, 3, new Rng(1)) { PaddingIdx = -2 };
        Assert.Equal(3, emb.PaddingIdx);
        Assert.All(emb.Weight.Data.AsSpan(9, 3).ToArray(), v => Assert.Equal(0f, v));
        emb.Forward([3, 1, 3], [3]).Backward();
        Assert.All(emb.Weight.Grad!.AsSpan(9, 3).ToArray(), v => Assert.Equal(0f, v));
        Assert.All(emb.Weight.Grad!.AsSpan(3, 3).ToArray(), v => Assert.Equal(1f, v));
    }

    [Fact]
    public void Bad_indices_and_padding_are_refused_with_the_layer_name()
    {
        var emb = new Embedding(4, 2, new Rng(1)) { Name = "users" };
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => emb.Forward([0, 4], [2]));
        Assert.Contains("users", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Embedding(4, 2, new Rng(1)) { PaddingIdx = 4 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new Embedding(4, 2, new Rng(1)) { PaddingIdx = -5 });
        Assert.Throws<ArgumentOutOfRangeException>(() => Functional.Embedding([0], [1], Tensor.Zeros(4, 2), paddingIdx: 7));
        Assert.Throws<ArgumentException>(() => emb.Forward(new Tensor([0.5f], [1])));
    }

    [Fact]
    public void Sparse_gradient_holds_the_dense_gradient_of_the_touched_rows()
    {
        var dense = new Embedding(6, 4, new Rng(2)) { PaddingIdx = 0 };
        var sparse = new Embedding(6, 4, new Rng(2)) { PaddingIdx = 0, Sparse = true };
        Assert.True(sparse.Sparse);
        Assert.Null(sparse.Weight.Grad);
        int[] idx = [5, 0, 2, 5, 5, 0];
        var go = Tensor.Randn(new Rng(3), 6, 4).Data;
        dense.Forward(idx, [6]).Backward(go);
        sparse.Forward(idx, [6]).Backward(go);
        var g = sparse.Weight.SparseGrad!;
        Assert.Equal([5, 2], g.Indices.ToArray());
        var densified = new float[24];
        g.CopyTo(densified);
        for (int i = 0; i < 24; i++)
        {
            Assert.Equal(dense.Weight.Grad![i], densified[i], 1e-6f);
        }

        sparse.ZeroGrad();
        Assert.Equal(0, g.Count);
    }

    [Fact]
    public void Sparse_table_refuses_dense_gradients_clearly()
    {
        var emb = new Embedding(6, 4, new Rng(2)) { Sparse = true };
        var x = Tensor.Randn(new Rng(1), 2, 4);
        var e = Assert.Throws<InvalidOperationException>(() => Functional.Linear(x, emb.Weight, null).Backward(new float[12]));
        Assert.Contains("row-sparse", e.Message, StringComparison.Ordinal);
        var p = Assert.Single(emb.Parameters());
        Assert.NotNull(p.SparseGrad);
        Assert.Throws<InvalidOperationException>(() => p.Grad);
    }

    [Fact]
    public void Sparse_adam_moves_only_the_rows_looked_up()
    {
        var emb = new Embedding(8, 3, new Rng(4)) { Sparse = true };
        float[] before = [.. emb.Weight.Data];
        var opt = Optimizers.SparseAdam(emb.Parameters(), lr: 0.1);
        opt.ZeroGrad();
        Functional.Sum(emb.Forward([1, 6, 1], [3])).Backward();
        opt.Step();
        for (int i = 0; i < before.Length; i++)
        {
            int row = i / 3;
            Assert.True(row is 1 or 6 ? emb.Weight.Data[i] != before[i] : emb.Weight.Data[i] == before[i], $"element {i}");
        }
    }

    [Fact]
    public void Bag_offsets_are_checked()
    {
        var w = Tensor.Randn(new Rng(1), 5, 2);
        Assert.Contains("offsets[0]", Assert.Throws<ArgumentException>(() => Functional.EmbeddingBag([1, 2], [1], w)).Message, StringComparison.Ordinal);
        Assert.Contains("decrease", Assert.Throws<ArgumentException>(() => Functional.EmbeddingBag([1, 2, 3], [0, 2, 1], w)).Message, StringComparison.Ordinal);
        Assert.Contains("past the end", Assert.Throws<ArgumentException>(() => Functional.EmbeddingBag([1, 2], [0, 3], w)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => Functional.EmbeddingBag([1, 5], [0], w));
        Assert.Throws<ArgumentOutOfRangeException>(() => Functional.EmbeddingBag([1], [0], w, paddingIdx: 5));
        var weights = new Tensor([1f, 2f], [2]);
        Assert.Contains("Sum mode", Assert.Throws<ArgumentException>(() => Functional.EmbeddingBag([1, 2], [0], w, EmbeddingBagMode.Mean, weights)).Message, StringComparison.Ordinal);
        Assert.Contains("3 indices", Assert.Throws<ArgumentException>(() => Functional.EmbeddingBag([1, 2, 3], [0], w, EmbeddingBagMode.Sum, weights)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_bags_and_padding_only_bags_are_zero_in_both_modes()
    {
        var w = Tensor.Randn(new Rng(1), 5, 2);
        foreach (var mode in new[] { EmbeddingBagMode.Sum, EmbeddingBagMode.Mean })
        {
            var y = Functional.EmbeddingBag([0, 0, 3], [0, 0, 2, 3], w, mode, paddingIdx: 0);
            Assert.Equal([4, 2], y.Shape);
            Assert.Equal([0f, 0f, 0f, 0f], y.Data.AsSpan(0, 4).ToArray());
            Assert.Equal(w.Data.AsSpan(6, 2).ToArray(), y.Data.AsSpan(4, 2).ToArray());
            Assert.Equal([0f, 0f], y.Data.AsSpan(6, 2).ToArray());
        }
    }

    [Fact]
    public void Mean_bag_divides_by_the_entries_that_are_not_padding()
    {
        var w = new Tensor([0f, 0f, 1f, 2f, 3f, 4f], [3, 2]);
        var y = Functional.EmbeddingBag([1, 0, 2, 0], [0], w, EmbeddingBagMode.Mean, paddingIdx: 0);
        Assert.Equal([2f, 3f], y.Data);
    }

    [Fact]
    public void Fixed_length_bags_match_offsets_and_sparse_matches_dense()
    {
        var dense = new EmbeddingBag(7, 3, EmbeddingBagMode.Mean, new Rng(5)) { PaddingIdx = 0 };
        var sparse = new EmbeddingBag(7, 3, EmbeddingBagMode.Mean, new Rng(5)) { PaddingIdx = 0, Sparse = true };
        var x = new Tensor([1, 2, 0, 0, 6, 6, 6, 3, 0, 0, 0, 0], [3, 4]);
        var fixedBags = dense.Forward(x);
        var byOffsets = dense.Forward([1, 2, 6, 6, 6, 3], EmbeddingBag.OffsetsFromLengths([2, 4, 0]));
        Assert.Equal(byOffsets.Data, fixedBags.Data);
        var go = Tensor.Randn(new Rng(6), 3, 3).Data;
        fixedBags.Backward(go);
        sparse.Forward(x).Backward(go);
        var densified = new float[21];
        sparse.Weight.SparseGrad!.CopyTo(densified);
        for (int i = 0; i < 21; i++)
        {
            Assert.Equal(dense.Weight.Grad![i], densified[i], 1e-6f);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => EmbeddingBag.OffsetsFromLengths([1, -1]));
    }
}
