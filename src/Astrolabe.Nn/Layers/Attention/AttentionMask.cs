namespace Astrolabe.Nn;

/// <summary>
/// An attention mask over target positions (rows, L) and source positions (columns, S), added to the scaled scores
/// before the softmax, as PyTorch's <c>attn_mask</c>: a boolean mask blocks the positions marked true (they add −∞),
/// an additive mask adds its values. The mask is a constant: no gradient flows to it.
/// </summary>
public sealed class AttentionMask
{
    private readonly float[] _additive;

    private AttentionMask(float[] additive, int rows, int columns)
    {
        _additive = additive;
        Rows = rows;
        Columns = columns;
    }

    /// <summary>The number of target positions L.</summary>
    public int Rows { get; }

    /// <summary>The number of source positions S.</summary>
    public int Columns { get; }

    /// <summary>The additive values, row-major [L, S] (−∞ where blocked).</summary>
    internal float[] Values => _additive;

    /// <summary>A boolean mask: target position i may not attend to source position j where <c>blocked[i, j]</c> is true.</summary>
    /// <param name="blocked">The mask [L, S].</param>
    /// <returns>The mask.</returns>
    public static AttentionMask Block(bool[,] blocked)
    {
        ArgumentNullException.ThrowIfNull(blocked);
        int l = blocked.GetLength(0), s = blocked.GetLength(1);
        var v = new float[l * s];
        for (int i = 0; i < l; i++)
        {
            for (int j = 0; j < s; j++)
            {
                v[(i * s) + j] = blocked[i, j] ? float.NegativeInfinity : 0f;
            }
        }

        return new AttentionMask(v, l, s);
    }

    /// <summary>A float mask whose values are added to the scaled scores (−∞ blocks a position).</summary>
    /// <param name="values">The values [L, S].</param>
    /// <returns>The mask.</returns>
    public static AttentionMask Additive(float[,] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        int l = values.GetLength(0), s = values.GetLength(1);
        var v = new float[l * s];
        for (int i = 0; i < l; i++)
        {
            for (int j = 0; j < s; j++)
            {
                v[(i * s) + j] = values[i, j];
            }
        }

        return new AttentionMask(v, l, s);
    }

    /// <summary>
    /// The causal mask of a sequence of <paramref name="length"/> positions: position i attends to positions 0..i only
    /// (PyTorch's <c>generate_square_subsequent_mask</c>).
    /// </summary>
    /// <param name="length">The sequence length (positive).</param>
    /// <returns>The mask.</returns>
    public static AttentionMask Causal(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        var blocked = new bool[length, length];
        for (int i = 0; i < length; i++)
        {
            for (int j = i + 1; j < length; j++)
            {
                blocked[i, j] = true;
            }
        }

        return Block(blocked);
    }
}
