using static Astrolabe.Nn.Tests.Autodiff.GradCheck;
using static Astrolabe.Nn.Tests.Tensors.TensorTestUtil;

namespace Astrolabe.Nn.Tests.Tensors;

public sealed class BroadcastTests
{
    private static readonly Func<Tensor, Tensor, Tensor>[] Ops = [Functional.Add, Functional.Sub, Functional.Mul, Functional.Div];
    private static readonly Func<double, double, double>[] Naive = [(x, y) => x + y, (x, y) => x - y, (x, y) => x * y, (x, y) => x / y];

    [Fact]
    public void Shapes_broadcast_from_the_last_dimension()
    {
        var y = Functional.Add(Tensor.Zeros(3, 1, 4), Tensor.Zeros(2, 1));
        Assert.Equal([3, 2, 4], y.Shape);
        Assert.Equal([2, 5], Functional.Mul(Tensor.Scalar(2f), Tensor.Zeros(2, 5)).Shape);
        Assert.Equal([0, 3], Functional.Sub(Tensor.Zeros(0, 1), Tensor.Zeros(3)).Shape);
    }

    [Fact]
    public void Add_of_a_row_and_a_column_is_the_outer_sum()
    {
        var col = new Tensor([1, 2, 3], [3, 1]);
        var row = new Tensor([10, 20], [2]);
        Assert.Equal([11, 21, 12, 22, 13, 23], (col + row).Data);
        Assert.Equal([9, 19, 8, 18, 7, 17], Functional.Sub(row, col).Data);
        Assert.Equal([10, 20, 20, 40, 30, 60], (col * row).Data);
        Assert.Equal([10, 20, 5, 10, 10f / 3, 20f / 3], (row / col).Data);
    }

    [Fact]
    public void Incompatible_shapes_name_the_op_and_both_shapes()
    {
        var e = Assert.Throws<ArgumentException>(() => Functional.Div(Tensor.Zeros(2, 3), Tensor.Zeros(4, 1, 2)));
        Assert.Contains("Div", e.Message);
        Assert.Contains("[2, 3]", e.Message);
        Assert.Contains("[4, 1, 2]", e.Message);
        Assert.Throws<ArgumentException>(() => Functional.Add(Tensor.Zeros(3), Tensor.Zeros(4)));
    }

    [Fact]
    public void Random_broadcast_shapes_match_naive_indexing()
    {
        var rng = new Rng(5);
        for (int trial = 0; trial < 40; trial++)
        {
            int rank = 1 + (int)(rng.NextDouble() * 4);
            var outShape = RandomShape(rng, rank);
            int[] Operand() => [.. outShape.Skip((int)(rng.NextDouble() * rank)).Select(s => rng.NextDouble() < 0.4 ? 1 : s)];
            int[] sa = Operand(), sb = Operand();
            var a = Tensor.Randn(rng, sa);
            var b = AwayFromZero(trial, 0.5f, sb);
            for (int op = 0; op < Ops.Length; op++)
            {
                var y = Ops[op](a, b);
                for (int i = 0; i < y.Length; i++)
                {
                    var idx = Unravel(i, y.Shape);
                    Near((float)Naive[op](a.Data[BroadcastOffset(idx, sa)], b.Data[BroadcastOffset(idx, sb)]), y.Data[i]);
                }
            }
        }
    }

    [Fact]
    public void Gradients_sum_over_broadcast_dimensions()
    {
        for (int op = 0; op < Ops.Length; op++)
        {
            var f = Ops[op];
            Check(t => f(t[0], t[1]), [Random(1, 3, 1, 4), AwayFromZero(2, 0.5f, 2, 1)]);
            Check(t => f(t[0], t[1]), [AwayFromZero(3, 0.5f, 2, 3), AwayFromZero(4, 0.5f, 4, 1, 3)]);
            Check(t => f(t[0], t[1]), [AwayFromZero(5, 0.5f, 1), AwayFromZero(6, 0.5f, 2, 3)]);
            Check(t => f(t[0], t[1]), [AwayFromZero(7, 0.5f, 3, 2), AwayFromZero(8, 0.5f, 3, 2)]);
        }
    }

    [Fact]
    public void Random_broadcast_gradients_match_finite_differences()
    {
        var rng = new Rng(9);
        for (int trial = 0; trial < 12; trial++)
        {
            int rank = 1 + (int)(rng.NextDouble() * 3);
            var outShape = RandomShape(rng, rank);
            int[] Operand() => [.. outShape.Skip((int)(rng.NextDouble() * rank)).Select(s => rng.NextDouble() < 0.4 ? 1 : s)];
            var f = Ops[trial % Ops.Length];
            Check(t => f(t[0], t[1]), [AwayFromZero(100 + trial, 0.5f, Operand()), AwayFromZero(200 + trial, 0.5f, Operand())]);
        }
    }

    [Fact]
    public void The_same_tensor_on_both_sides_gets_both_gradients()
    {
        Check(t => Functional.Mul(t[0], Functional.Reshape(t[0], 2, 1, 3)), [Random(11, 2, 3)]);
        Check(t => Functional.Div(t[0], t[0]), [AwayFromZero(12, 0.5f, 2, 3)]);
    }

    [Fact]
    public void Scalar_add_and_divide()
    {
        var x = new Tensor([1, 2, 3], [3]);
        Assert.Equal([3.5f, 4.5f, 5.5f], (x + 2.5f).Data);
        Assert.Equal([1f / 3, 2f / 3, 1], (x / 3f).Data);
        Check(t => Functional.Add(t[0], -1.5f), [Random(13, 2, 3)]);
        Check(t => Functional.Div(t[0], 0.7f), [Random(14, 2, 3)]);
    }

    [Fact]
    public void Ops_run_inside_an_arena()
    {
        var arena = new TensorArena { Poison = true };
        Check(t => Functional.Mul(Functional.Add(t[0], t[1]), t[1]), [Random(15, 3, 1, 4), Random(16, 2, 1)], arena: arena);
        Check(
            t => Functional.Sum(Functional.Transpose(Functional.BatchedMatMul(t[0], t[1], transposeB: true), 1, 2), -1),
            [Random(17, 2, 3, 4), Random(18, 2, 5, 4)],
            arena: arena);
        Check(t => Functional.Concat([.. Functional.Split(t[0], [1, 2], 0).Select(p => Functional.Div(p, 2f))], 0), [Random(19, 3, 2)], arena: arena);
    }
}
