namespace Astrolabe.Nn;

public static partial class Functional
{
    /// <summary>
    /// <paramref name="x"/> with <paramref name="value"/> wherever <paramref name="mask"/> is true
    /// (<c>torch.Tensor.masked_fill</c>); the mask broadcasts to <paramref name="x"/>'s shape (an attention padding mask
    /// [batch, 1, keys] over scores [batch, queries, keys]). No gradient reaches the filled elements.
    /// </summary>
    /// <param name="x">The tensor.</param>
    /// <param name="mask">The mask, row-major.</param>
    /// <param name="maskShape">The shape of <paramref name="mask"/>; it must broadcast to <paramref name="x"/>'s shape.</param>
    /// <param name="value">The fill value (may be −∞, as attention uses it).</param>
    /// <returns>A new tensor of <paramref name="x"/>'s shape.</returns>
    /// <exception cref="ArgumentException">The mask does not fill its shape, or its shape does not broadcast to <paramref name="x"/>'s.</exception>
    public static Tensor MaskedFill(Tensor x, bool[] mask, int[] maskShape, float value)
    {
        RequireMask(mask, maskShape, "MaskedFill", "mask");
        bool fits = maskShape.Length <= x.Rank;
        for (int k = 1; fits && k <= maskShape.Length; k++)
        {
            fits = maskShape[^k] == 1 || maskShape[^k] == x.ShapeSpan[^k];
        }

        if (!fits)
        {
            throw new ArgumentException(
                $"MaskedFill: mask of shape {Shapes.Format(maskShape)} does not broadcast to the input's shape {Shapes.Format(x.ShapeSpan)}.");
        }

        var plan = BroadcastPlan.Create("MaskedFill", x.ShapeSpan.ToArray(), maskShape);

        int n = plan.Inner, sm = plan.InnerStride[1];
        var y = TensorMemory.Output(x.Length);
        x.Data.CopyTo(y, 0);
        plan.ForEachRow((yo, _, mo, _) =>
        {
            for (int i = 0; i < n; i++)
            {
                if (mask[mo + (i * sm)])
                {
                    y[yo + i] = value;
                }
            }
        });
        return Tensor.FromOp(y, x.Shape, o =>
        {
            var g = o.Grad!;
            var gx = x.GradBuffer();
            plan.ForEachRow((yo, _, mo, _) =>
            {
                for (int i = 0; i < n; i++)
                {
                    if (!mask[mo + (i * sm)])
                    {
                        gx[yo + i] += g[yo + i];
                    }
                }
            });
        }, x);
    }

    /// <summary>
    /// <c>condition ? a : b</c> element by element (<c>torch.where</c>), the three broadcast together. Each operand's
    /// gradient is the output's where it was chosen (summed over its repeats), zero elsewhere.
    /// </summary>
    /// <param name="condition">The condition, row-major.</param>
    /// <param name="conditionShape">The shape of <paramref name="condition"/>.</param>
    /// <param name="a">The values taken where the condition holds.</param>
    /// <param name="b">The values taken elsewhere.</param>
    /// <returns>A new tensor of the broadcast shape.</returns>
    /// <exception cref="ArgumentException">The condition does not fill its shape, or the shapes cannot be broadcast together.</exception>
    public static Tensor Where(bool[] condition, int[] conditionShape, Tensor a, Tensor b)
    {
        RequireMask(condition, conditionShape, "Where", "condition");
        var plan = BroadcastPlan.Create("Where", conditionShape, a.ShapeSpan.ToArray(), b.ShapeSpan.ToArray());
        int n = plan.Inner, sc = plan.InnerStride[0], sa = plan.InnerStride[1], sb = plan.InnerStride[2];
        var y = TensorMemory.Output(Shapes.Numel(plan.OutShape));
        plan.ForEachRow((yo, co, ao, bo) =>
        {
            for (int i = 0; i < n; i++)
            {
                y[yo + i] = condition[co + (i * sc)] ? a.Data[ao + (i * sa)] : b.Data[bo + (i * sb)];
            }
        });
        return Tensor.FromOp(y, plan.OutShape, o =>
        {
            var g = o.Grad!;
            var ga = a.RequiresGrad ? a.GradBuffer() : null;
            var gb = b.RequiresGrad ? b.GradBuffer() : null;
            plan.ForEachRow((yo, co, ao, bo) =>
            {
                for (int i = 0; i < n; i++)
                {
                    if (condition[co + (i * sc)])
                    {
                        if (ga is not null)
                        {
                            ga[ao + (i * sa)] += g[yo + i];
                        }
                    }
                    else if (gb is not null)
                    {
                        gb[bo + (i * sb)] += g[yo + i];
                    }
                }
            });
        }, a, b);
    }

    private static void RequireMask(bool[] mask, int[] shape, string op, string name)
    {
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentNullException.ThrowIfNull(shape);
        if (Shapes.Numel(shape) != mask.Length)
        {
            throw new ArgumentException($"{op}: {name} has {mask.Length} elements but its shape {Shapes.Format(shape)} needs {Shapes.Numel(shape)}.");
        }
    }
}
