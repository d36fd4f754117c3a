using System.Numerics.Tensors;
using Astrolabe.Nn.Kernels;

namespace Astrolabe.Nn;

/// <summary>
/// One input's share of the packed input projection of multi-head attention: <c>Out = x·W[first·E .. (first+parts)·E)ᵀ + b[...]</c>,
/// where the parts are query (0), key (1) and value (2). Self-attention projects its one input with all three parts in
/// one product; when key and value are the same tensor they share one product of two parts (PyTorch's
/// <c>_in_projection_packed</c> does the same).
/// </summary>
internal sealed class InProjection
{
    private InProjection(Tensor input, int firstPart, int parts, int embed)
    {
        Input = input;
        FirstPart = firstPart;
        Parts = parts;
        Embed = embed;
        Rows = input.Length / embed;
    }

    public Tensor Input { get; }

    public int FirstPart { get; }

    public int Parts { get; }

    public int Embed { get; }

    public int Rows { get; }

    /// <summary>The row stride of <see cref="Output"/>: Parts·E.</summary>
    public int Width => Parts * Embed;

    /// <summary>The projections [Rows, Parts·E], set by <see cref="Forward"/>.</summary>
    public float[] Output { get; private set; } = [];

    /// <summary>The gradient of <see cref="Output"/>, same layout, during a backward pass.</summary>
    public float[] Gradient { get; private set; } = [];

    /// <summary>The products PyTorch would form for these inputs (compared by reference, as PyTorch does).</summary>
    public static InProjection[] Plan(Tensor query, Tensor key, Tensor value, int embed)
    {
        if (ReferenceEquals(key, value))
        {
            return ReferenceEquals(query, key)
                ? [new InProjection(query, 0, 3, embed)]
                : [new InProjection(query, 0, 1, embed), new InProjection(key, 1, 2, embed)];
        }

        return [new InProjection(query, 0, 1, embed), new InProjection(key, 1, 1, embed), new InProjection(value, 2, 1, embed)];
    }

    /// <summary>Whether this product yields part <paramref name="part"/>, and where that part's columns start.</summary>
    public bool Holds(int part, out int column)
    {
        column = (part - FirstPart) * Embed;
        return part >= FirstPart && part < FirstPart + Parts;
    }

    public void Forward(Tensor weight, Tensor? bias)
    {
        int e = Embed, w = Width;
        var y = TensorMemory.Output(Rows * w);
        if (bias is not null)
        {
            for (int r = 0; r < Rows; r++)
            {
                Array.Copy(bias.Data, FirstPart * e, y, r * w, w);
            }
        }

        Gemm.Multiply(false, true, Rows, w, e, Input.Data, 0, e, weight.Data, FirstPart * e * e, e, y, 0, w, accumulate: bias is not null);
        Output = y;
    }

    /// <summary>Takes a buffer for the gradient of the output; every element is written by the attention's backward.</summary>
    public void BeginBackward() => Gradient = TensorMemory.Temporary(Rows * Width);

    /// <summary>Sends <see cref="Gradient"/> to the input, the weight rows and the bias entries of this product, and releases it.</summary>
    public void EndBackward(Tensor weight, Tensor? bias)
    {
        int e = Embed, w = Width;
        var g = Gradient;
        if (Input.RequiresGrad)
        {
            var gx = Input.GradTarget(out bool fresh);
            Gemm.Multiply(false, false, Rows, e, w, g, 0, w, weight.Data, FirstPart * e * e, e, gx, 0, e, accumulate: !fresh);
        }

        if (weight.RequiresGrad)
        {
            Gemm.Multiply(true, false, w, e, Rows, g, 0, w, Input.Data, 0, e, weight.GradBuffer(), FirstPart * e * e, e, accumulate: true);
        }

        if (bias is { RequiresGrad: true })
        {
            var gb = bias.GradBuffer().AsSpan(FirstPart * e, w);
            for (int r = 0; r < Rows; r++)
            {
                TensorPrimitives.Add(gb, g.AsSpan(r * w, w), gb);
            }
        }

        TensorMemory.Release(g);
        Gradient = [];
    }
}
