using System.Numerics.Tensors;

namespace Astrolabe.Nn;

public static partial class Functional
{
    /// <summary>
    /// Element-wise <c>a / b</c>. Like <see cref="Add(Tensor, Tensor)"/>, <see cref="Sub(Tensor, Tensor)"/> and
    /// <see cref="Mul(Tensor, Tensor)"/> it broadcasts: the shapes are aligned at their last dimension and each pair of
    /// sizes must be equal or one of them 1 (a missing leading dimension counts as 1), so [3, 1, 4] and [2, 1] give
    /// [3, 2, 4]. The gradient of an operand that was repeated is summed back over the repeated dimensions.
    /// </summary>
    /// <param name="a">The dividend.</param>
    /// <param name="b">The divisor.</param>
    /// <returns>The quotient, of the broadcast shape.</returns>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together.</exception>
    public static Tensor Div(Tensor a, Tensor b)
    {
        if (Shapes.Equal(a.ShapeSpan, b.ShapeSpan))
        {
            var y = TensorMemory.Output(a.Length);
            TensorPrimitives.Divide(a.Data, b.Data, y);
            return Tensor.FromOp(y, a.Shape, o =>
            {
                var g = o.Grad!;
                if (a.RequiresGrad)
                {
                    var ga = a.GradBuffer();
                    for (int i = 0; i < ga.Length; i++)
                    {
                        ga[i] += g[i] / b.Data[i];
                    }
                }

                if (b.RequiresGrad)
                {
                    var gb = b.GradBuffer();
                    for (int i = 0; i < gb.Length; i++)
                    {
                        gb[i] -= g[i] * (o.Data[i] / b.Data[i]);
                    }
                }
            }, a, b);
        }

        var plan = BroadcastPlan.Create("Div", a.ShapeSpan.ToArray(), b.ShapeSpan.ToArray());
        int n = plan.Inner, sa = plan.InnerStride[0], sb = plan.InnerStride[1];
        var yb = TensorMemory.Output(Shapes.Numel(plan.OutShape));
        plan.ForEachRow((yo, ao, bo, _) =>
        {
            for (int i = 0; i < n; i++)
            {
                yb[yo + i] = a.Data[ao + (i * sa)] / b.Data[bo + (i * sb)];
            }
        });
        return Tensor.FromOp(yb, plan.OutShape, o =>
        {
            var g = o.Grad!;
            var ga = a.RequiresGrad ? a.GradBuffer() : null;
            var gb = b.RequiresGrad ? b.GradBuffer() : null;
            plan.ForEachRow((yo, ao, bo, _) =>
            {
                for (int i = 0; i < n; i++)
                {
                    float bv = b.Data[bo + (i * sb)];
                    if (ga is not null)
                    {
                        ga[ao + (i * sa)] += g[yo + i] / bv;
                    }

                    if (gb is not null)
                    {
                        gb[bo + (i * sb)] -= g[yo + i] * (o.Data[yo + i] / bv);
                    }
                }
            });
        }, a, b);
    }

    /// <summary>Element-wise <c>x + s</c>.</summary>
    /// <param name="x">The tensor.</param>
    /// <param name="s">The scalar.</param>
    /// <returns>The sum, of <paramref name="x"/>'s shape.</returns>
    public static Tensor Add(Tensor x, float s)
    {
        var y = TensorMemory.Output(x.Length);
        TensorPrimitives.Add(x.Data, s, y);
        return Tensor.FromOp(y, x.Shape, o => AccumulateGrad(x, o.Grad!), x);
    }

    /// <summary>Element-wise <c>x / s</c> (a true division, not a multiplication by <c>1 / s</c>).</summary>
    /// <param name="x">The tensor.</param>
    /// <param name="s">The scalar divisor.</param>
    /// <returns>The quotient, of <paramref name="x"/>'s shape.</returns>
    public static Tensor Div(Tensor x, float s)
    {
        var y = TensorMemory.Output(x.Length);
        TensorPrimitives.Divide(x.Data, s, y);
        return Tensor.FromOp(y, x.Shape, o =>
        {
            var gx = x.GradBuffer();
            var g = o.Grad!;
            for (int i = 0; i < gx.Length; i++)
            {
                gx[i] += g[i] / s;
            }
        }, x);
    }

    /// <summary>Adds or subtracts (<paramref name="sign"/> ±1) with broadcasting; the gradient sums over repeats.</summary>
    private static Tensor BroadcastAddSub(Tensor a, Tensor b, float sign, string op)
    {
        var plan = BroadcastPlan.Create(op, a.ShapeSpan.ToArray(), b.ShapeSpan.ToArray());
        int n = plan.Inner, sa = plan.InnerStride[0], sb = plan.InnerStride[1];
        var y = TensorMemory.Output(Shapes.Numel(plan.OutShape));
        plan.ForEachRow((yo, ao, bo, _) =>
        {
            var row = y.AsSpan(yo, n);
            switch (sa, sb)
            {
                case (1, 1) when sign > 0: TensorPrimitives.Add(a.Data.AsSpan(ao, n), b.Data.AsSpan(bo, n), row); break;
                case (1, 1): TensorPrimitives.Subtract(a.Data.AsSpan(ao, n), b.Data.AsSpan(bo, n), row); break;
                case (1, 0): TensorPrimitives.Add(a.Data.AsSpan(ao, n), sign * b.Data[bo], row); break;
                case (0, 1) when sign > 0: TensorPrimitives.Add(b.Data.AsSpan(bo, n), a.Data[ao], row); break;
                case (0, 1): TensorPrimitives.Subtract(a.Data[ao], b.Data.AsSpan(bo, n), row); break;
                default: row.Fill(a.Data[ao] + (sign * b.Data[bo])); break;
            }
        });
        return Tensor.FromOp(y, plan.OutShape, o =>
        {
            var g = o.Grad!;
            var ga = a.RequiresGrad ? a.GradBuffer() : null;
            var gb = b.RequiresGrad ? b.GradBuffer() : null;
            plan.ForEachRow((yo, ao, bo, _) =>
            {
                var gr = g.AsSpan(yo, n);
                if (ga is not null)
                {
                    ReduceRow(gr, 1f, ga, ao, sa);
                }

                if (gb is not null)
                {
                    ReduceRow(gr, sign, gb, bo, sb);
                }
            });
        }, a, b);
    }

    private static Tensor BroadcastAdd(Tensor a, Tensor b) => BroadcastAddSub(a, b, 1f, "Add");

    private static Tensor BroadcastSub(Tensor a, Tensor b) => BroadcastAddSub(a, b, -1f, "Sub");

    private static Tensor BroadcastMul(Tensor a, Tensor b)
    {
        var plan = BroadcastPlan.Create("Mul", a.ShapeSpan.ToArray(), b.ShapeSpan.ToArray());
        int n = plan.Inner, sa = plan.InnerStride[0], sb = plan.InnerStride[1];
        var y = TensorMemory.Output(Shapes.Numel(plan.OutShape));
        plan.ForEachRow((yo, ao, bo, _) =>
        {
            var row = y.AsSpan(yo, n);
            switch (sa, sb)
            {
                case (1, 1): TensorPrimitives.Multiply(a.Data.AsSpan(ao, n), b.Data.AsSpan(bo, n), row); break;
                case (1, 0): TensorPrimitives.Multiply(a.Data.AsSpan(ao, n), b.Data[bo], row); break;
                case (0, 1): TensorPrimitives.Multiply(b.Data.AsSpan(bo, n), a.Data[ao], row); break;
                default: row.Fill(a.Data[ao] * b.Data[bo]); break;
            }
        });
        return Tensor.FromOp(y, plan.OutShape, o =>
        {
            var g = o.Grad!;
            var ga = a.RequiresGrad ? a.GradBuffer() : null;
            var gb = b.RequiresGrad ? b.GradBuffer() : null;
            plan.ForEachRow((yo, ao, bo, _) =>
            {
                var gr = g.AsSpan(yo, n);
                if (ga is not null)
                {
                    MulGradRow(gr, ga, ao, sa, b.Data, bo, sb);
                }

                if (gb is not null)
                {
                    MulGradRow(gr, gb, bo, sb, a.Data, ao, sa);
                }
            });
        }, a, b);
    }

    /// <summary>Adds <c>sign · g</c> into <paramref name="target"/> at <paramref name="offset"/>: along the row (stride 1) or summed into one element (stride 0).</summary>
    private static void ReduceRow(ReadOnlySpan<float> g, float sign, float[] target, int offset, int stride)
    {
        if (stride == 1)
        {
            var t = target.AsSpan(offset, g.Length);
            if (sign > 0)
            {
                TensorPrimitives.Add(t, g, t);
            }
            else
            {
                TensorPrimitives.Subtract(t, g, t);
            }
        }
        else
        {
            target[offset] += sign * TensorPrimitives.Sum(g);
        }
    }

    /// <summary>Adds <c>g · other</c> into one operand's gradient row, each of the two either advancing or repeating.</summary>
    private static void MulGradRow(ReadOnlySpan<float> g, float[] target, int offset, int stride, float[] other, int otherOffset, int otherStride)
    {
        int n = g.Length;
        switch (stride, otherStride)
        {
            case (1, 1):
                var t = target.AsSpan(offset, n);
                TensorPrimitives.FusedMultiplyAdd(g, other.AsSpan(otherOffset, n), t, t);
                break;
            case (1, 0):
                var u = target.AsSpan(offset, n);
                TensorPrimitives.MultiplyAdd(g, other[otherOffset], u, u);
                break;
            case (0, 1):
                target[offset] += TensorPrimitives.Dot(g, other.AsSpan(otherOffset, n));
                break;
            default:
                target[offset] += other[otherOffset] * TensorPrimitives.Sum(g);
                break;
        }
    }
}
