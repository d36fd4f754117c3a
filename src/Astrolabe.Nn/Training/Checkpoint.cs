using System.Text;
using Astrolabe.Optim;

namespace Astrolabe.Nn.Training;

/// <summary>
/// The checkpoint format: a magic string, the epoch count, every named parameter and buffer (name, length, values),
/// then the optimizer's own state (length-prefixed, or 0 when none was saved). Little-endian.
/// </summary>
public static class Checkpoint
{
    private const string Magic = "ASTROLABE-NN-CKPT-1";

    /// <summary>Writes a checkpoint.</summary>
    /// <param name="stream">The destination.</param>
    /// <param name="model">The model.</param>
    /// <param name="optimizer">The optimizer whose state to include, or null.</param>
    /// <param name="epoch">The number of epochs done.</param>
    public static void Save(Stream stream, Module model, Optimizer? optimizer, int epoch)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(model);
        using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        w.Write(Magic);
        w.Write(epoch);
        var arrays = Arrays(model);
        w.Write(arrays.Count);
        foreach (var (name, data) in arrays)
        {
            w.Write(name);
            w.Write(data.Length);
            foreach (float v in data)
            {
                w.Write(v);
            }
        }

        if (optimizer is null)
        {
            w.Write(0L);
            return;
        }

        using var state = new MemoryStream();
        optimizer.SaveState(state);
        w.Write(state.Length);
        w.Write(state.GetBuffer(), 0, (int)state.Length);
    }

    /// <summary>Reads a checkpoint into a model of the same structure (and the optimizer, when given and saved).</summary>
    /// <param name="stream">The source.</param>
    /// <param name="model">The model to fill.</param>
    /// <param name="optimizer">The optimizer to restore, or null.</param>
    /// <returns>The epoch count stored.</returns>
    /// <exception cref="InvalidDataException">The checkpoint does not match the model.</exception>
    public static int Load(Stream stream, Module model, Optimizer? optimizer)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(model);
        using var r = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        if (r.ReadString() != Magic)
        {
            throw new InvalidDataException("Not an Astrolabe.Nn checkpoint.");
        }

        int epoch = r.ReadInt32();
        var arrays = Arrays(model).ToDictionary(a => a.Name, a => a.Data);
        int count = r.ReadInt32();
        if (count != arrays.Count)
        {
            throw new InvalidDataException($"The checkpoint holds {count} tensors, the model {arrays.Count}.");
        }

        for (int i = 0; i < count; i++)
        {
            string name = r.ReadString();
            int length = r.ReadInt32();
            if (!arrays.TryGetValue(name, out var data) || data.Length != length)
            {
                throw new InvalidDataException($"Checkpoint tensor '{name}' ({length} values) does not match the model.");
            }

            for (int j = 0; j < length; j++)
            {
                data[j] = r.ReadSingle();
            }
        }

        long stateLength = r.ReadInt64();
        if (stateLength > 0 && optimizer is not null)
        {
            using var state = new MemoryStream(r.ReadBytes((int)stateLength));
            optimizer.LoadState(state);
        }

        return epoch;
    }

    private static List<(string Name, float[] Data)> Arrays(Module model) =>
        [.. model.NamedParameters().Select(p => (p.Name, p.Tensor.Data)), .. model.NamedBuffers().Select(b => ("buffer:" + b.Name, b.Buffer))];
}
