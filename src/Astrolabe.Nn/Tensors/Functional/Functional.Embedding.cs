namespace Astrolabe.Nn;

public static partial class Functional
{
    /// <summary>Looks up rows of <paramref name="weight"/>; the gradient scatters back into the rows used.</summary>
    /// <param name="indices">Row indices, each in [0, rows).</param>
    /// <param name="indexShape">The shape of <paramref name="indices"/>; the output is that shape plus [dim].</param>
    /// <param name="weight">The table [rows, dim].</param>
    /// <param name="layer">The layer name used in error messages.</param>
    /// <returns>The gathered rows.</returns>
    public static Tensor Embedding(int[] indices, int[] indexShape, Tensor weight, string layer = "Embedding")
    {
        ArgumentNullException.ThrowIfNull(indices);
        Shapes.RequireRank(weight, 2, layer, "weight [rows, dim]");
        int rows = weight.Dim(0), d = weight.Dim(1);
        if (Shapes.Numel(indexShape) != indices.Length)
        {
            throw new ArgumentException($"{layer}: {indices.Length} indices do not fill shape {Shapes.Format(indexShape)}.");
        }

        var y = TensorMemory.OutputZeroed(indices.Length * d);
        for (int i = 0; i < indices.Length; i++)
        {
            int r = indices[i];
            if ((uint)r >= (uint)rows)
            {
                throw new ArgumentOutOfRangeException(nameof(indices), $"{layer}: index {r} is outside [0, {rows}).");
            }

            weight.Data.AsSpan(r * d, d).CopyTo(y.AsSpan(i * d, d));
        }

        return Tensor.FromOp(y, [.. indexShape, d], o =>
        {
            var gw = weight.GradBuffer();
            var g = o.Grad!;
            for (int i = 0; i < indices.Length; i++)
            {
                int r = indices[i];
                for (int j = 0; j < d; j++)
                {
                    gw[(r * d) + j] += g[(i * d) + j];
                }
            }
        }, weight);
    }
}
