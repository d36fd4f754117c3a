using System.Numerics.Tensors;

namespace Astrolabe.Nn;

/// <summary>
/// Differentiable operations on tensors, in the manner of <c>torch.nn.functional</c>. Each operation computes its
/// result and, when gradients are recorded, registers its backward function right beside the forward code.
/// Layers (<see cref="Module"/>) are thin stateful wrappers around these.
/// </summary>
public static partial class Functional
{
    /// <summary>Element-wise <c>a + b</c>, broadcasting by NumPy/PyTorch rules (see <see cref="Div(Tensor, Tensor)"/>).</summary>
    /// <param name="a">The first operand.</param>
    /// <param name="b">The second operand.</param>
    /// <returns>The sum.</returns>
    public static Tensor Add(Tensor a, Tensor b)
    {
        if (!Shapes.Equal(a.ShapeSpan, b.ShapeSpan))
        {
            return BroadcastAdd(a, b);
        }

        var y = TensorMemory.Output(a.Length);
        TensorPrimitives.Add(a.Data, b.Data, y);
        return Tensor.FromOp(y, a.Shape, o =>
        {
            AccumulateGrad(a, o.Grad!);
            AccumulateGrad(b, o.Grad!);
        }, a, b);
    }

    /// <summary>Element-wise <c>a − b</c>, broadcasting by NumPy/PyTorch rules (see <see cref="Div(Tensor, Tensor)"/>).</summary>
    /// <param name="a">The first operand.</param>
    /// <param name="b">The second operand.</param>
    /// <returns>The difference.</returns>
    public static Tensor Sub(Tensor a, Tensor b)
    {
        if (!Shapes.Equal(a.ShapeSpan, b.ShapeSpan))
        {
            return BroadcastSub(a, b);
        }

        var y = TensorMemory.Output(a.Length);
        TensorPrimitives.Subtract(a.Data, b.Data, y);
        return Tensor.FromOp(y, a.Shape, o =>
        {
            AccumulateGrad(a, o.Grad!);
            if (b.RequiresGrad)
            {
                TensorPrimitives.Subtract(b.GradBuffer(), o.Grad!, b.GradBuffer());
            }
        }, a, b);
    }

    /// <summary>Element-wise <c>a · b</c>, broadcasting by NumPy/PyTorch rules (see <see cref="Div(Tensor, Tensor)"/>).</summary>
    /// <param name="a">The first operand.</param>
    /// <param name="b">The second operand.</param>
    /// <returns>The product.</returns>
    public static Tensor Mul(Tensor a, Tensor b)
    {
        if (!Shapes.Equal(a.ShapeSpan, b.ShapeSpan))
        {
            return BroadcastMul(a, b);
        }

        var y = TensorMemory.Output(a.Length);
        TensorPrimitives.Multiply(a.Data, b.Data, y);
        return Tensor.FromOp(y, a.Shape, o =>
        {
            if (a.RequiresGrad)
            {
                TensorPrimitives.FusedMultiplyAdd(o.Grad!, b.Data, a.GradBuffer(), a.GradBuffer());
            }

            if (b.RequiresGrad)
            {
                TensorPrimitives.FusedMultiplyAdd(o.Grad!, a.Data, b.GradBuffer(), b.GradBuffer());
            }
        }, a, b);
    }

    /// <summary><c>s · x</c>.</summary>
    /// <param name="x">The tensor.</param>
    /// <param name="s">The scalar.</param>
    /// <returns>The scaled tensor.</returns>
    public static Tensor Scale(Tensor x, float s)
    {
        var y = TensorMemory.Output(x.Length);
        TensorPrimitives.Multiply(x.Data, s, y);
        return Tensor.FromOp(y, x.Shape, o =>
            TensorPrimitives.MultiplyAdd(o.Grad!, s, x.GradBuffer(), x.GradBuffer()), x);
    }

    /// <summary>The sum of all elements, as a scalar tensor.</summary>
    /// <param name="x">The tensor.</param>
    /// <returns>The sum.</returns>
    public static Tensor Sum(Tensor x)
    {
        float s = TensorPrimitives.Sum<float>(x.Data);
        return Tensor.FromOp(TensorMemory.Scalar(s), [], o => TensorPrimitives.Add(x.GradBuffer(), o.Grad![0], x.GradBuffer()), x);
    }

    /// <summary>The mean of all elements, as a scalar tensor.</summary>
    /// <param name="x">The tensor (not empty).</param>
    /// <returns>The mean.</returns>
    public static Tensor Mean(Tensor x)
    {
        if (x.Length == 0)
        {
            throw new ArgumentException("Mean of an empty tensor.", nameof(x));
        }

        float inv = 1f / x.Length;
        float s = TensorPrimitives.Sum<float>(x.Data) * inv;
        return Tensor.FromOp(TensorMemory.Scalar(s), [], o => TensorPrimitives.Add(x.GradBuffer(), o.Grad![0] * inv, x.GradBuffer()), x);
    }

    /// <summary>
    /// The same data under another shape (a view: the data is shared, not copied). One dimension may be −1.
    /// </summary>
    /// <param name="x">The tensor.</param>
    /// <param name="shape">The new dimensions.</param>
    /// <returns>The reshaped tensor.</returns>
    public static Tensor Reshape(Tensor x, params int[] shape)
    {
        var resolved = (int[])shape.Clone();
        int infer = Array.IndexOf(resolved, -1);
        if (infer >= 0)
        {
            resolved[infer] = 1;
            int rest = Shapes.Numel(resolved);
            resolved[infer] = rest == 0 ? 0 : x.Length / rest;
        }

        if (Shapes.Numel(resolved) != x.Length)
        {
            throw new ArgumentException(
                $"Reshape: cannot view shape {Shapes.Format(x.ShapeSpan)} as {Shapes.Format(shape)}.");
        }

        return Tensor.FromOp(x.Data, resolved, o => AccumulateGrad(x, o.Grad!), x);
    }

    /// <summary>Adds <paramref name="grad"/> into <paramref name="t"/>'s gradient when it requires one.</summary>
    internal static void AccumulateGrad(Tensor t, ReadOnlySpan<float> grad)
    {
        if (t.RequiresGrad)
        {
            var g = t.GradTarget(out bool fresh);
            if (fresh)
            {
                grad.CopyTo(g);
            }
            else
            {
                TensorPrimitives.Add(g, grad, g);
            }
        }
    }

    /// <summary>The tensors an operation on <paramref name="x"/> with an optional weight and bias depends on: the ones present.</summary>
    private static Tensor[] Operands(Tensor x, Tensor? weight, Tensor? bias) => (weight, bias) switch
    {
        (null, null) => [x],
        (null, not null) => [x, bias],
        (not null, null) => [x, weight],
        _ => [x, weight, bias],
    };
}
