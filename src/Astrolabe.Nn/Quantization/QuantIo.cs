namespace Astrolabe.Nn;

/// <summary>Reading and writing the small records of the quantised format, with the checks a damaged file needs.</summary>
internal static class QuantIo
{
    public static void Write(BinaryWriter w, QuantRange range)
    {
        w.Write(range.Scale);
        w.Write(range.ZeroPoint);
        w.Write(range.Min);
        w.Write(range.Max);
    }

    public static void Write(BinaryWriter w, QuantRange range, int[] shape)
    {
        Write(w, range);
        WriteShape(w, shape);
    }

    public static void WriteShape(BinaryWriter w, int[] shape)
    {
        w.Write(shape.Length);
        foreach (int d in shape)
        {
            w.Write(d);
        }
    }

    public static QuantRange ReadRange(BinaryReader r, string what)
    {
        var range = new QuantRange(r.ReadSingle(), r.ReadInt32(), r.ReadInt32(), r.ReadInt32());
        range.Validate(what);
        return range;
    }

    public static int[] ReadShape(BinaryReader r, string what)
    {
        int rank = r.ReadInt32();
        if (rank is < 1 or > 4)
        {
            throw new InvalidDataException($"{what}: a sample of rank {rank} is not valid.");
        }

        var shape = new int[rank];
        long size = 1;
        for (int i = 0; i < rank; i++)
        {
            shape[i] = r.ReadInt32();
            size *= shape[i];
            if (shape[i] <= 0 || size > 1 << 28)
            {
                throw new InvalidDataException($"{what}: sample shape dimension {shape[i]} is not valid.");
            }
        }

        return shape;
    }

    public static (QuantRange Range, int[] Shape) ReadRangeAndShape(BinaryReader r, string what) => (ReadRange(r, what), ReadShape(r, what));

    /// <summary>Writes what every int8 kernel step stores: its layer's name, weights, input range, output range (or none: fp32 out) and fused ReLU.</summary>
    public static void WriteKernel(BinaryWriter w, string name, QuantizedWeights weights, QuantRange input, QuantRange? output, bool relu)
    {
        w.Write(name);
        weights.Write(w);
        Write(w, input);
        w.Write(output is not null);
        if (output is { } o)
        {
            Write(w, o);
        }

        w.Write(relu);
    }

    /// <summary>Reads what <see cref="WriteKernel"/> wrote.</summary>
    public static (string Name, QuantizedWeights Weights, QuantRange Input, QuantRange? Output, bool Relu) ReadKernel(BinaryReader r)
    {
        string name = r.ReadString();
        var weights = QuantizedWeights.Read(r, name);
        var input = ReadRange(r, name + " input");
        QuantRange? output = r.ReadBoolean() ? ReadRange(r, name + " output") : null;
        return (name, weights, input, output, r.ReadBoolean());
    }
}
