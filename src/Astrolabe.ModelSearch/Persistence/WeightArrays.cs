using Astrolabe.Nn;

namespace Astrolabe.ModelSearch;

/// <summary>
/// A network's named arrays (parameters, and buffers prefixed <c>buffer:</c>) written with parameters in fp32 or a
/// 16-bit precision and buffers (running statistics) always in fp32. Reading checks every name and length against the
/// network, so a file from another structure is refused rather than half loaded.
/// </summary>
internal static class WeightArrays
{
    public static List<(string Name, float[] Data, bool IsParameter)> Of(Module network, Func<string, bool>? keep = null)
    {
        keep ??= _ => true;
        return
        [
            .. network.NamedParameters().Where(p => keep(p.Name)).Select(p => (p.Name, p.Tensor.Data, true)),
            .. network.NamedBuffers().Where(b => keep(b.Name)).Select(b => ("buffer:" + b.Name, b.Buffer, false)),
        ];
    }

    public static void Write(BinaryWriter w, List<(string Name, float[] Data, bool IsParameter)> arrays, ModelPrecision precision)
    {
        w.Write(arrays.Count);
        foreach (var (name, data, isParameter) in arrays)
        {
            bool half = isParameter && precision is ModelPrecision.Bf16 or ModelPrecision.Fp16;
            w.Write(name);
            w.Write(half);
            w.Write(data.Length);
            foreach (float v in data)
            {
                if (half)
                {
                    w.Write(HalfPrecision.ToBits(v, precision, name));
                }
                else
                {
                    w.Write(v);
                }
            }
        }
    }

    /// <summary>Reads arrays into <paramref name="network"/>; with <paramref name="requireAll"/> every array of the network must be present.</summary>
    public static void Read(BinaryReader r, Module network, ModelPrecision precision, bool requireAll)
    {
        var targets = Of(network).ToDictionary(a => a.Name, a => a.Data);
        int count = r.ReadInt32();
        if (count < 0 || count > targets.Count || (requireAll && count != targets.Count))
        {
            throw new InvalidDataException($"The file holds {count} weight arrays; the network has {targets.Count}.");
        }

        for (int i = 0; i < count; i++)
        {
            string name = r.ReadString();
            bool half = r.ReadBoolean();
            int length = r.ReadInt32();
            if (!targets.TryGetValue(name, out var data) || data.Length != length)
            {
                throw new InvalidDataException($"Weight array '{name}' of {length} values does not match the network.");
            }

            for (int j = 0; j < length; j++)
            {
                data[j] = half ? HalfPrecision.FromBits(r.ReadUInt16(), precision) : r.ReadSingle();
            }
        }
    }
}
