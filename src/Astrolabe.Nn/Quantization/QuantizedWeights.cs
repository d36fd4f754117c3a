using Astrolabe.Nn.Kernels;

namespace Astrolabe.Nn;

/// <summary>
/// A layer's weights quantised symmetrically per output channel: <c>Values</c> [n, k] int8 row-major (row = output
/// channel), one scale per channel, the fp32 bias, and the per-channel sums of the values (for the input's zero
/// point: Σ(x_q − z)·w = Σ x_q·w − z·Σ w). Packed once for the int8 kernel of this CPU.
/// </summary>
internal sealed class QuantizedWeights
{
    public QuantizedWeights(sbyte[] values, float[] scales, float[] bias, int n, int k, string layer)
    {
        if (values.Length != n * k || scales.Length != n || bias.Length != n)
        {
            throw new InvalidDataException($"{layer}: {values.Length} weights, {scales.Length} scales and {bias.Length} biases do not fit [{n} × {k}].");
        }

        foreach (float s in scales)
        {
            if (!(s > 0) || !float.IsFinite(s))
            {
                throw new InvalidDataException($"{layer}: weight scale {s} is not a positive finite number.");
            }
        }

        foreach (float b in bias)
        {
            if (!float.IsFinite(b))
            {
                throw new InvalidDataException($"{layer}: bias {b} is not finite.");
            }
        }

        Values = values;
        Scales = scales;
        Bias = bias;
        N = n;
        K = k;
        ColumnSums = new int[n];
        for (int j = 0; j < n; j++)
        {
            int sum = 0;
            foreach (sbyte v in values.AsSpan(j * k, k))
            {
                sum += v;
            }

            ColumnSums[j] = sum;
        }

        Packed = PackedInt8Weights.Pack(values, n, k);
    }

    public sbyte[] Values { get; }

    public float[] Scales { get; }

    public float[] Bias { get; }

    public int[] ColumnSums { get; }

    public int N { get; }

    public int K { get; }

    public PackedInt8Weights Packed { get; }

    /// <summary>Bytes as stored: a byte per weight, a float per scale and bias.</summary>
    public long Bytes => Values.Length + (8L * N);

    /// <summary>
    /// Quantises fp32 weights [n, k] (row = output channel) with <paramref name="bits"/>-bit symmetric per-channel
    /// ranges. An all-zero channel gets scale 1 and zeros (no division by zero).
    /// </summary>
    /// <exception cref="ArgumentException">A weight or bias is NaN or infinite.</exception>
    public static QuantizedWeights Quantize(ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, int n, int k, int bits, string layer)
    {
        var values = new sbyte[n * k];
        var scales = new float[n];
        for (int j = 0; j < n; j++)
        {
            var row = weights.Slice(j * k, k);
            float absMax = 0;
            foreach (float w in row)
            {
                if (!float.IsFinite(w))
                {
                    throw new ArgumentException($"{layer}: weight {w} in output channel {j} is not finite; a model with NaN or infinite weights cannot be quantised.");
                }

                absMax = Math.Max(absMax, Math.Abs(w));
            }

            var range = QuantRange.SymmetricWeight(absMax, bits);
            scales[j] = range.Scale;
            for (int p = 0; p < k; p++)
            {
                values[(j * k) + p] = (sbyte)range.Quantize(row[p]);
            }
        }

        var b = bias.ToArray();
        if (Array.Exists(b, v => !float.IsFinite(v)))
        {
            throw new ArgumentException($"{layer}: the bias has a NaN or infinite value; such a model cannot be quantised.");
        }

        return new QuantizedWeights(values, scales, b, n, k, layer);
    }

    public void Write(BinaryWriter w)
    {
        w.Write(N);
        w.Write(K);
        w.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(Values.AsSpan()));
        foreach (float s in Scales)
        {
            w.Write(s);
        }

        foreach (float b in Bias)
        {
            w.Write(b);
        }
    }

    public static QuantizedWeights Read(BinaryReader r, string layer)
    {
        int n = r.ReadInt32(), k = r.ReadInt32();
        if (n <= 0 || k <= 0 || (long)n * k > int.MaxValue / 2)
        {
            throw new InvalidDataException($"{layer}: weight shape [{n} × {k}] is not valid.");
        }

        var bytes = r.ReadBytes(n * k);
        if (bytes.Length != n * k)
        {
            throw new EndOfStreamException($"{layer}: the file ends inside the weights.");
        }

        var values = new sbyte[n * k];
        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
        var scales = new float[n];
        var bias = new float[n];
        for (int j = 0; j < n; j++)
        {
            scales[j] = r.ReadSingle();
        }

        for (int j = 0; j < n; j++)
        {
            bias[j] = r.ReadSingle();
        }

        return new QuantizedWeights(values, scales, bias, n, k, layer);
    }
}
