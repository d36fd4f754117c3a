namespace Astrolabe.Nn;

/// <summary>Visits one contiguous output row of a broadcast: its start and each operand's start.</summary>
/// <param name="y">The row's first output offset.</param>
/// <param name="o0">Operand 0's offset for that row.</param>
/// <param name="o1">Operand 1's offset for that row.</param>
/// <param name="o2">Operand 2's offset for that row (0 for a two-operand plan).</param>
internal delegate void BroadcastRow(int y, int o0, int o1, int o2);

/// <summary>
/// How two or three row-major operands broadcast to a common shape, by NumPy/PyTorch rules: shapes are aligned at
/// their last dimension and each pair of sizes must be equal or one of them 1. Dimensions of size 1 in the output are
/// dropped and neighbours that every operand walks contiguously are merged, so the work is a loop over output rows
/// of <see cref="Inner"/> elements in which each operand either advances (stride 1) or repeats one value (stride 0).
/// </summary>
internal sealed class BroadcastPlan
{
    private readonly int[] _outer;
    private readonly int[][] _strides;

    private BroadcastPlan(int[] outShape, int[] outer, int[][] strides, int inner, int[] innerStrides)
    {
        OutShape = outShape;
        _outer = outer;
        _strides = strides;
        Inner = inner;
        InnerStride = innerStrides;
    }

    /// <summary>The broadcast shape.</summary>
    public int[] OutShape { get; }

    /// <summary>The length of one output row (the merged innermost dimensions).</summary>
    public int Inner { get; }

    /// <summary>Per operand: 1 when it advances along a row, 0 when a row repeats one of its elements.</summary>
    public int[] InnerStride { get; }

    /// <summary>The plan for <paramref name="shapes"/>, or a clear error naming <paramref name="op"/>.</summary>
    public static BroadcastPlan Create(string op, params int[][] shapes)
    {
        int rank = shapes.Max(s => s.Length);
        var outShape = new int[rank];
        for (int d = 0; d < rank; d++)
        {
            int size = 1;
            foreach (var s in shapes)
            {
                int sd = SizeAt(s, d, rank);
                if (sd != 1)
                {
                    if (size != 1 && size != sd)
                    {
                        throw new ArgumentException(
                            $"{op}: shapes {string.Join(" and ", shapes.Select(x => Shapes.Format(x)))} cannot be broadcast together (dimension {d - rank} has sizes {size} and {sd}).");
                    }

                    size = sd;
                }
            }

            outShape[d] = size;
        }

        // Keep the output dimensions larger than 1, innermost first, with each operand's stride (0 where it repeats).
        var running = new int[shapes.Length];
        Array.Fill(running, 1);
        var revSizes = new List<int>();
        var revStrides = shapes.Select(_ => new List<int>()).ToArray();
        for (int d = rank - 1; d >= 0; d--)
        {
            for (int k = 0; k < shapes.Length; k++)
            {
                int sd = SizeAt(shapes[k], d, rank);
                if (outShape[d] != 1)
                {
                    revStrides[k].Add(sd == 1 ? 0 : running[k]);
                }

                running[k] *= sd;
            }

            if (outShape[d] != 1)
            {
                revSizes.Add(outShape[d]);
            }
        }

        return Build(outShape, revSizes, revStrides, shapes.Length);
    }

    /// <summary>Calls <paramref name="row"/> for every output row, in output order.</summary>
    public void ForEachRow(BroadcastRow row)
    {
        int dims = _outer.Length;
        int rows = 1;
        foreach (int s in _outer)
        {
            rows *= s;
        }

        if (Inner == 0 || rows == 0)
        {
            return;
        }

        var index = new int[dims];
        int o0 = 0, o1 = 0, o2 = 0;
        int[] s0 = _strides[0], s1 = _strides[1], s2 = _strides.Length > 2 ? _strides[2] : new int[dims];
        for (int r = 0; r < rows; r++)
        {
            row(r * Inner, o0, o1, o2);
            for (int d = dims - 1; d >= 0; d--)
            {
                if (++index[d] < _outer[d])
                {
                    o0 += s0[d];
                    o1 += s1[d];
                    o2 += s2[d];
                    break;
                }

                index[d] = 0;
                o0 -= s0[d] * (_outer[d] - 1);
                o1 -= s1[d] * (_outer[d] - 1);
                o2 -= s2[d] * (_outer[d] - 1);
            }
        }
    }

    /// <summary>
    /// Builds the plan from the kept dimensions listed innermost first: merges each dimension into the one inside it
    /// when every operand's stride allows, then splits off the innermost as the row.
    /// </summary>
    private static BroadcastPlan Build(int[] outShape, List<int> revSizes, List<int>[] revStrides, int operands)
    {
        var sizes = new List<int>();
        var strides = Enumerable.Range(0, operands).Select(_ => new List<int>()).ToArray();
        for (int i = 0; i < revSizes.Count; i++)
        {
            int size = revSizes[i];
            bool merge = sizes.Count > 0;
            for (int k = 0; merge && k < operands; k++)
            {
                merge = revStrides[k][i] == strides[k][^1] * sizes[^1];
            }

            if (merge)
            {
                sizes[^1] *= size;
                continue;
            }

            sizes.Add(size);
            for (int k = 0; k < operands; k++)
            {
                strides[k].Add(revStrides[k][i]);
            }
        }

        if (sizes.Count == 0)
        {
            sizes.Add(1);
            foreach (var s in strides)
            {
                s.Add(0);
            }
        }

        // sizes[0] is the innermost (merged) dimension; the rest are outer, innermost first.
        int inner = sizes[0];
        var innerStrides = strides.Select(s => s[0]).ToArray();
        int outerDims = sizes.Count - 1;
        var outer = new int[outerDims];
        var outerStrides = new int[operands][];
        for (int k = 0; k < operands; k++)
        {
            outerStrides[k] = new int[outerDims];
        }

        for (int j = 0; j < outerDims; j++)
        {
            // Outer dimension j, outermost first.
            int src = sizes.Count - 1 - j;
            outer[j] = sizes[src];
            for (int k = 0; k < operands; k++)
            {
                outerStrides[k][j] = strides[k][src];
            }
        }

        return new BroadcastPlan(outShape, outer, outerStrides, inner, innerStrides);
    }

    private static int SizeAt(int[] shape, int d, int rank)
    {
        int i = d - (rank - shape.Length);
        return i < 0 ? 1 : shape[i];
    }
}
