using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using Astrolabe.Nn.Kernels;

namespace Astrolabe.Nn;

public static partial class Functional
{
    /// <summary>Computes an element-wise forward: <paramref name="y"/>[i] = f(<paramref name="x"/>[i]).</summary>
    internal delegate void UnaryForward(ReadOnlySpan<float> x, Span<float> y);

    /// <summary>Adds d f/d x · gy into gx, given input x and output y.</summary>
    private delegate void UnaryBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> gy, Span<float> gx);

    /// <summary>Like <see cref="UnaryBackward"/>, adding into gx when <paramref name="accumulate"/>, else writing it.</summary>
    private delegate void UnaryBackwardOrWrite(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> gy, Span<float> gx, bool accumulate);

    // The forwards of the activations that layers may also apply in place (see UnaryInPlace); each reads element i
    // before writing it, so the input and output may be the same array.
    internal static readonly UnaryForward ReluForward = static (x, y) => TensorPrimitives.Max(x, 0f, y);
    internal static readonly UnaryForward TanhForward = static (x, y) => ActivationKernels.Forward<TanhActivation>(x, y);
    internal static readonly UnaryForward SigmoidForward = static (x, y) => TensorPrimitives.Sigmoid(x, y);
    internal static readonly UnaryForward GeluForward = static (x, y) => ActivationKernels.Forward<GeluActivation>(x, y);
    internal static readonly UnaryForward SiluForward = static (x, y) => ActivationKernels.Forward<SiluActivation>(x, y);

    /// <summary>
    /// Overwrites <paramref name="data"/> with <paramref name="forward"/> of it, recording nothing: only for an array
    /// no one else reads afterwards (see <see cref="Sequential.Forward"/>).
    /// </summary>
    internal static void UnaryInPlace(float[] data, UnaryForward forward) =>
        KernelThreads.ForRanges(data.Length, 1, (start, n) => forward(data.AsSpan(start, n), data.AsSpan(start, n)));

    /// <summary><c>max(x, 0)</c>.</summary>
    /// <param name="x">The input.</param>
    /// <returns>The activation.</returns>
    public static Tensor Relu(Tensor x) => Unary(x,
        ReluForward,
        static (x, _, gy, gx, accumulate) => ReluBackward(x, gy, gx, accumulate, Vector512.IsHardwareAccelerated));

    /// <summary><c>x</c> for x &gt; 0, else <c>slope·x</c>.</summary>
    /// <param name="x">The input.</param>
    /// <param name="negativeSlope">The slope for negative inputs (PyTorch default 0.01).</param>
    /// <returns>The activation.</returns>
    public static Tensor LeakyRelu(Tensor x, float negativeSlope = 0.01f) => Unary(x,
        (x, y) => LeakyReluKernel(x, x, negativeSlope, y, accumulate: false),
        (x, _, gy, gx, accumulate) => LeakyReluKernel(x, gy, negativeSlope, gx, accumulate));

    /// <summary>The hyperbolic tangent.</summary>
    /// <param name="x">The input.</param>
    /// <returns>The activation.</returns>
    public static Tensor Tanh(Tensor x) => Unary(x,
        TanhForward,
        static (_, y, gy, gx, accumulate) =>
        {
            for (int i = 0; i < y.Length; i++)
            {
                float g = gy[i] * (1f - (y[i] * y[i]));
                gx[i] = accumulate ? gx[i] + g : g;
            }
        });

    /// <summary>The logistic function <c>1 / (1 + e^−x)</c>.</summary>
    /// <param name="x">The input.</param>
    /// <returns>The activation.</returns>
    public static Tensor Sigmoid(Tensor x) => Unary(x,
        SigmoidForward,
        static (_, y, gy, gx) =>
        {
            for (int i = 0; i < y.Length; i++)
            {
                gx[i] += gy[i] * y[i] * (1f - y[i]);
            }
        });

    /// <summary>GELU, exact form <c>x·Φ(x)</c> with Φ the standard normal CDF (PyTorch's default).</summary>
    /// <param name="x">The input.</param>
    /// <returns>The activation.</returns>
    public static Tensor Gelu(Tensor x) => Unary(x,
        GeluForward,
        static (x, _, gy, gx, accumulate) => ActivationKernels.Backward<GeluActivation>(x, gy, gx, accumulate));

    /// <summary>SiLU (swish), <c>x·σ(x)</c>.</summary>
    /// <param name="x">The input.</param>
    /// <returns>The activation.</returns>
    public static Tensor Silu(Tensor x) => Unary(x,
        SiluForward,
        static (x, _, gy, gx, accumulate) => ActivationKernels.Backward<SiluActivation>(x, gy, gx, accumulate));

    /// <summary>ELU: <c>x</c> for x &gt; 0, else <c>α(eˣ − 1)</c>.</summary>
    /// <param name="x">The input.</param>
    /// <param name="alpha">α (PyTorch default 1).</param>
    /// <returns>The activation.</returns>
    public static Tensor Elu(Tensor x, float alpha = 1f) => Unary(x,
        (x, y) =>
        {
            for (int i = 0; i < x.Length; i++)
            {
                y[i] = x[i] > 0 ? x[i] : alpha * (MathF.Exp(x[i]) - 1f);
            }
        },
        (x, y, gy, gx) =>
        {
            for (int i = 0; i < x.Length; i++)
            {
                gx[i] += x[i] > 0 ? gy[i] : gy[i] * (y[i] + alpha);
            }
        });

    /// <summary>Softplus <c>log(1 + eˣ)</c> (β = 1; linear above 20 as in PyTorch).</summary>
    /// <param name="x">The input.</param>
    /// <returns>The activation.</returns>
    public static Tensor Softplus(Tensor x) => Unary(x,
        static (x, y) =>
        {
            for (int i = 0; i < x.Length; i++)
            {
                y[i] = x[i] > 20f ? x[i] : (float)Math.Log(1.0 + Math.Exp(x[i]));
            }
        },
        static (x, _, gy, gx) =>
        {
            for (int i = 0; i < x.Length; i++)
            {
                gx[i] += x[i] > 20f ? gy[i] : gy[i] / (1f + MathF.Exp(-x[i]));
            }
        });

    private static Tensor Unary(Tensor x, UnaryForward forward, UnaryBackward backward) => Unary(x, forward, backward, null);

    /// <summary>An element-wise operation whose backward can write the input gradient when it is the first to reach it.</summary>
    private static Tensor Unary(Tensor x, UnaryForward forward, UnaryBackwardOrWrite backward) => Unary(x, forward, null, backward);

    /// <summary>
    /// The element-wise operation with exactly one of <paramref name="add"/> and <paramref name="write"/>. Small tensors
    /// (one range) call the kernels directly: a step of a small network then makes no range delegates.
    /// </summary>
    private static Tensor Unary(Tensor x, UnaryForward forward, UnaryBackward? add, UnaryBackwardOrWrite? write)
    {
        var y = TensorMemory.Output(x.Length);
        var xd = x.Data;
        if (KernelThreads.SplitsRanges(xd.Length, 1))
        {
            UnaryForwardRanges(xd, y, forward);
        }
        else
        {
            forward(xd, y);
        }

        return Tensor.FromOp(y, x.ShapeArray, o =>
        {
            float[] gy = o.Grad!, gx = x.GradTarget(out bool fresh);
            if (KernelThreads.SplitsRanges(xd.Length, 1))
            {
                UnaryBackwardRanges(xd, y, gy, gx, !fresh, add, write);
            }
            else
            {
                UnaryBackwardRange(xd, y, gy, gx, !fresh, add, write);
            }
        }, x);
    }

    private static void UnaryForwardRanges(float[] xd, float[] y, UnaryForward forward) =>
        KernelThreads.ForRanges(xd.Length, 1, (start, n) => forward(xd.AsSpan(start, n), y.AsSpan(start, n)));

    private static void UnaryBackwardRanges(float[] xd, float[] y, float[] gy, float[] gx, bool accumulate, UnaryBackward? add, UnaryBackwardOrWrite? write) =>
        KernelThreads.ForRanges(xd.Length, 1, (start, n) =>
            UnaryBackwardRange(xd.AsSpan(start, n), y.AsSpan(start, n), gy.AsSpan(start, n), gx.AsSpan(start, n), accumulate, add, write));

    private static void UnaryBackwardRange(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> gy, Span<float> gx, bool accumulate, UnaryBackward? add, UnaryBackwardOrWrite? write)
    {
        if (write is not null)
        {
            write(x, y, gy, gx, accumulate);
            return;
        }

        if (!accumulate)
        {
            gx.Clear();
        }

        add!(x, y, gy, gx);
    }

    /// <summary>
    /// <c>out (+)= x &gt; 0 ? v : slope·v</c>: the forward with v = x, the backward with v = the output gradient
    /// (accumulated into the input gradient).
    /// </summary>
    private static void LeakyReluKernel(ReadOnlySpan<float> x, ReadOnlySpan<float> v, float slope, Span<float> output, bool accumulate)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var s = Vector256.Create(slope);
            for (; i <= x.Length - 8; i += 8)
            {
                var vi = Vector256.Create(v[i..]);
                var r = Vector256.ConditionalSelect(Vector256.GreaterThan(Vector256.Create(x[i..]), Vector256<float>.Zero), vi, s * vi);
                (accumulate ? Vector256.Create(output[i..]) + r : r).CopyTo(output[i..]);
            }
        }

        for (; i < x.Length; i++)
        {
            float r = x[i] > 0 ? v[i] : slope * v[i];
            output[i] = accumulate ? output[i] + r : r;
        }
    }

    /// <summary>
    /// gx (+)= x &gt; 0 ? gy : 0. <paramref name="wide"/> selects the Vector512 body (the default where it is
    /// accelerated; tests run it in software on any CPU), else Vector256 where accelerated, then scalars.
    /// </summary>
    internal static void ReluBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> gy, Span<float> gx, bool accumulate, bool wide)
    {
        int i = 0;
        if (wide)
        {
            for (; i <= x.Length - 16; i += 16)
            {
                var mask = Vector512.GreaterThan(Vector512.Create(x[i..]), Vector512<float>.Zero);
                var add = Vector512.ConditionalSelect(mask, Vector512.Create(gy[i..]), Vector512<float>.Zero);
                (accumulate ? Vector512.Create(gx[i..]) + add : add).CopyTo(gx[i..]);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= x.Length - 8; i += 8)
            {
                var mask = Vector256.GreaterThan(Vector256.Create(x[i..]), Vector256<float>.Zero);
                var add = Vector256.ConditionalSelect(mask, Vector256.Create(gy[i..]), Vector256<float>.Zero);
                (accumulate ? Vector256.Create(gx[i..]) + add : add).CopyTo(gx[i..]);
            }
        }

        for (; i < x.Length; i++)
        {
            float add = x[i] > 0 ? gy[i] : 0f;
            gx[i] = accumulate ? gx[i] + add : add;
        }
    }
}
