using System.Runtime.InteropServices;

namespace Astrolabe.Optim;

/// <summary>
/// Binary format of a saved optimizer: header, parameters (names, lengths), the step count, then the state tree.
/// Version 2 names every slot (buffers: name, then one array per parameter; scalars: name and value), so a state
/// is read back by the names its transformations declare. Version 1 wrote the learning rate after the step count and
/// the slots by position; it is still read.
/// </summary>
internal static class StateSerializer
{
    private const string Magic = "ASTROLABE-OPTIM";
    private const int Version = 2;

    public static void Write(Stream stream, IReadOnlyList<Parameter> parameters, long steps, TransformState state)
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
        WriteState(w, state);
    }

    /// <summary>Reads a saved state into <paramref name="state"/>.</summary>
    /// <param name="stream">The source.</param>
    /// <param name="parameters">The optimizer's parameters.</param>
    /// <param name="state">The optimizer's state tree, filled in place.</param>
    /// <param name="version1Root">The part of <paramref name="state"/> that version 1 saved (it had no accumulation state).</param>
    /// <param name="learningRateState">The learning-rate transformation's state, which version 1 saved as an empty node (its rate sat in the header).</param>
    /// <returns>The step count, and the learning rate when the file is version 1.</returns>
    public static (long Steps, double? Version1LearningRate) Read(Stream stream, IReadOnlyList<Parameter> parameters, TransformState state, TransformState version1Root, TransformState? learningRateState)
    {
        using var r = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        int version = r.ReadString() == Magic ? r.ReadInt32() : -1;
        if (version is not (1 or 2))
        {
            throw new InvalidDataException($"The stream does not hold a saved Astrolabe optimizer state (versions 1 and {Version} are read).");
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
        if (version == 1)
        {
            double lr = r.ReadDouble();
            ReadVersion1(r, version1Root, learningRateState);
            return (steps, lr);
        }

        ReadState(r, state);
        return (steps, null);
    }

    private static void WriteState(BinaryWriter w, TransformState s)
    {
        w.Write(s.BufferSlots.Count);
        for (int slot = 0; slot < s.BufferSlots.Count; slot++)
        {
            w.Write(s.BufferSlots[slot].Name);
            for (int i = 0; i < s.ParameterCount; i++)
            {
                w.Write(MemoryMarshal.AsBytes(s.BufferAt(slot, i).AsSpan()));
            }
        }

        w.Write(s.ScalarSlots.Count);
        for (int k = 0; k < s.ScalarSlots.Count; k++)
        {
            w.Write(s.ScalarSlots[k].Name);
            w.Write(s.ScalarValues[k]);
        }

        w.Write(s.Children.Count);
        foreach (var c in s.Children)
        {
            WriteState(w, c);
        }
    }

    private static void ReadState(BinaryReader r, TransformState s)
    {
        int buffers = r.ReadInt32();
        Expect("buffers", buffers, s.BufferSlots.Select(b => b.Name));
        for (int slot = 0; slot < buffers; slot++)
        {
            Expect("buffer", r.ReadString(), s.BufferSlots[slot].Name);
            for (int i = 0; i < s.ParameterCount; i++)
            {
                r.BaseStream.ReadExactly(MemoryMarshal.AsBytes(s.BufferAt(slot, i).AsSpan()));
            }
        }

        int scalars = r.ReadInt32();
        Expect("scalars", scalars, s.ScalarSlots.Select(x => x.Name));
        for (int k = 0; k < scalars; k++)
        {
            Expect("scalar", r.ReadString(), s.ScalarSlots[k].Name);
            s.ScalarValues[k] = r.ReadDouble();
        }

        int children = r.ReadInt32();
        if (children != s.Children.Count)
        {
            throw Different($"saved {children} child states, expected {s.Children.Count}");
        }

        foreach (var c in s.Children)
        {
            ReadState(r, c);
        }
    }

    private static void ReadVersion1(BinaryReader r, TransformState s, TransformState? learningRateState)
    {
        int slots = r.ReadInt32(), scalars = r.ReadInt32(), children = r.ReadInt32();
        if (ReferenceEquals(s, learningRateState))
        {
            if (slots != 0 || scalars != 0 || children != 0)
            {
                throw Different($"version 1 saved {slots} slots, {scalars} scalars and {children} children where the learning rate sits, expected none");
            }

            return;
        }

        if (slots != s.BufferSlots.Count || scalars != s.ScalarSlots.Count || children != s.Children.Count)
        {
            throw Different($"saved {slots} slots, {scalars} scalars, {children} children; expected {s.BufferSlots.Count}, {s.ScalarSlots.Count}, {s.Children.Count}");
        }

        for (int k = 0; k < scalars; k++)
        {
            s.ScalarValues[k] = r.ReadDouble();
        }

        for (int slot = 0; slot < slots; slot++)
        {
            for (int i = 0; i < s.ParameterCount; i++)
            {
                r.BaseStream.ReadExactly(MemoryMarshal.AsBytes(s.BufferAt(slot, i).AsSpan()));
            }
        }

        foreach (var c in s.Children)
        {
            ReadVersion1(r, c, learningRateState);
        }
    }

    private static void Expect(string what, int saved, IEnumerable<string> expected)
    {
        var names = expected.ToList();
        if (saved != names.Count)
        {
            throw Different($"saved {saved} {what}, expected {names.Count} ({string.Join(", ", names)})");
        }
    }

    private static void Expect(string what, string saved, string expected)
    {
        if (saved != expected)
        {
            throw Different($"saved {what} '{saved}' where '{expected}' was expected");
        }
    }

    private static InvalidDataException Different(string detail) =>
        new($"The saved state was made by a different chain of transformations ({detail}).");
}
