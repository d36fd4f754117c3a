namespace Astrolabe.Optim;

/// <summary>Binary format of a saved optimizer: header, parameters (names, lengths), counters, then the state tree.</summary>
internal static class StateSerializer
{
    private const string Magic = "ASTROLABE-OPTIM";
    private const int Version = 1;

    public static void Write(Stream stream, IReadOnlyList<Parameter> parameters, long steps, double lr, TransformState state)
    {
        using var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        w.Write(Magic);
        w.Write(Version);
        w.Write(parameters.Count);
        foreach (var p in parameters)
        {
            w.Write(p.Name);
            w.Write(p.Length);
        }

        w.Write(steps);
        w.Write(lr);
        WriteState(w, state);
    }

    public static (long Steps, double Lr) Read(Stream stream, IReadOnlyList<Parameter> parameters, TransformState state)
    {
        using var r = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        if (r.ReadString() != Magic || r.ReadInt32() != Version)
        {
            throw new InvalidDataException("The stream does not hold a saved Astrolabe optimizer state (version 1).");
        }

        int n = r.ReadInt32();
        if (n != parameters.Count)
        {
            throw new InvalidDataException($"The saved state has {n} parameters; this optimizer has {parameters.Count}.");
        }

        foreach (var p in parameters)
        {
            string name = r.ReadString();
            int length = r.ReadInt32();
            if (name != p.Name || length != p.Length)
            {
                throw new InvalidDataException($"Saved parameter '{name}' ({length} elements) does not match '{p.Name}' ({p.Length} elements).");
            }
        }

        long steps = r.ReadInt64();
        double lr = r.ReadDouble();
        ReadState(r, state);
        return (steps, lr);
    }

    private static void WriteState(BinaryWriter w, TransformState s)
    {
        w.Write(s.BufferSlots.Count);
        w.Write(s.ScalarSlots.Count);
        w.Write(s.Children.Count);
        foreach (double x in s.ScalarValues)
        {
            w.Write(x);
        }

        for (int slot = 0; slot < s.BufferSlots.Count; slot++)
        {
            for (int i = 0; i < s.ParameterCount; i++)
            {
                w.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(s.BufferAt(slot, i).AsSpan()));
            }
        }

        foreach (var c in s.Children)
        {
            WriteState(w, c);
        }
    }

    private static void ReadState(BinaryReader r, TransformState s)
    {
        int slots = r.ReadInt32(), scalars = r.ReadInt32(), children = r.ReadInt32();
        if (slots != s.BufferSlots.Count || scalars != s.ScalarSlots.Count || children != s.Children.Count)
        {
            throw new InvalidDataException($"The saved state was made by a different chain of transformations (saved {slots} slots, {scalars} scalars, {children} children; expected {s.BufferSlots.Count}, {s.ScalarSlots.Count}, {s.Children.Count}).");
        }

        for (int k = 0; k < scalars; k++)
        {
            s.ScalarValues[k] = r.ReadDouble();
        }

        for (int slot = 0; slot < slots; slot++)
        {
            for (int i = 0; i < s.ParameterCount; i++)
            {
                r.BaseStream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(s.BufferAt(slot, i).AsSpan()));
            }
        }

        foreach (var c in s.Children)
        {
            ReadState(r, c);
        }
    }
}
