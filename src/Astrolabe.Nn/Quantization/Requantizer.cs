using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Astrolabe.Nn;

/// <summary>
/// The epilogue of an int8 layer: turns the int32 sums <c>acc[i, j] = Σ x_q·w_q</c> into the layer's output, either
/// the next activation's quantised bytes (<c>round(acc·m_j + a_j)</c> clamped to the output range, ReLU fused as a
/// clamp at the zero point) or fp32 values (<c>acc·m_j + a_j</c>, ReLU fused as max(·, 0)). <c>m_j</c> and <c>a_j</c>
/// fold the input scale and zero point, the weight scale, the bias and the output scale and zero point.
/// </summary>
internal sealed class Requantizer
{
    private readonly float[] _multiplier;
    private readonly float[] _offset;
    private readonly int _low;
    private readonly int _high;
    private readonly bool _relu;

    public Requantizer(QuantizedWeights weights, QuantRange input, QuantRange? output, bool relu)
    {
        int n = weights.N;
        Columns = n;
        _multiplier = new float[Padded(n)];
        _offset = new float[Padded(n)];
        _relu = relu;
        for (int j = 0; j < n; j++)
        {
            double m = (double)input.Scale * weights.Scales[j];
            double a = weights.Bias[j] - (m * input.ZeroPoint * weights.ColumnSums[j]);
            if (output is { } o)
            {
                m /= o.Scale;
                a = (a / o.Scale) + o.ZeroPoint;
            }

            _multiplier[j] = (float)m;
            _offset[j] = (float)a;
        }

        if (output is { } range)
        {
            _low = relu ? Math.Max(range.ZeroPoint, range.Min) : range.Min;
            _high = range.Max;
        }
    }

    public int Columns { get; }

    /// <summary>Ints a sums buffer of <paramref name="rows"/> rows needs: the epilogue reads whole vectors of 8, so the last row's tail may run past it.</summary>
    public int SumsLength(int rows) => (rows * Columns) + 8;

    private static int Padded(int n) => (n + 7) & ~7;

    /// <summary>Writes quantised outputs [rows, n] (row stride n) from sums [rows, n].</summary>
    public void ToBytes(ReadOnlySpan<int> acc, int rows, Span<byte> output)
    {
        int n = Columns;
        var low = Vector256.Create(_low);
        var high = Vector256.Create(_high);
        ref float m = ref MemoryMarshal.GetArrayDataReference(_multiplier);
        ref float a = ref MemoryMarshal.GetArrayDataReference(_offset);
        for (int i = 0; i < rows; i++)
        {
            ref int src = ref Unsafe.Add(ref MemoryMarshal.GetReference(acc), i * n);
            ref byte dst = ref Unsafe.Add(ref MemoryMarshal.GetReference(output), i * n);
            int j = 0;
            for (; j <= n - 8; j += 8)
            {
                var v = Vector256.ConvertToSingle(Vector256.LoadUnsafe(ref src, (nuint)j));
                var r = Vector256.Round(Vector256.FusedMultiplyAdd(v, Vector256.LoadUnsafe(ref m, (nuint)j), Vector256.LoadUnsafe(ref a, (nuint)j)));
                var q = Vector256.Min(Vector256.Max(Vector256.ConvertToInt32(r), low), high);
                var s = Vector256.Narrow(q, q);
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, j), Vector256.Narrow(s, s).AsUInt64().ToScalar());
            }

            if (j < n)
            {
                // The last partial vector: computed whole (the multipliers are padded, the sums buffer has 8 spare
                // ints), only its first n − j bytes stored.
                var v = Vector256.ConvertToSingle(Vector256.LoadUnsafe(ref src, (nuint)j));
                var r = Vector256.Round(Vector256.FusedMultiplyAdd(v, Vector256.LoadUnsafe(ref m, (nuint)j), Vector256.LoadUnsafe(ref a, (nuint)j)));
                var q = Vector256.Min(Vector256.Max(Vector256.ConvertToInt32(r), low), high);
                var s = Vector256.Narrow(q, q);
                ulong packed = Vector256.Narrow(s, s).AsUInt64().ToScalar();
                for (; j < n; j++, packed >>= 8)
                {
                    Unsafe.Add(ref dst, j) = (byte)packed;
                }
            }
        }
    }

    /// <summary>
    /// Writes fp32 outputs from sums [rows, n]: row-major [rows, n] when <paramref name="planeSize"/> is 1, else rows are
    /// pixels of images of <paramref name="planeSize"/> pixels and the output is NCHW (channel j of pixel p of image b at
    /// <c>(b·n + j)·planeSize + p</c>).
    /// </summary>
    public void ToFloats(ReadOnlySpan<int> acc, int rows, Span<float> output, int planeSize)
    {
        int n = Columns;
        for (int i = 0; i < rows; i++)
        {
            int image = i / planeSize, pixel = i % planeSize;
            for (int j = 0; j < n; j++)
            {
                float v = MathF.FusedMultiplyAdd(acc[(i * n) + j], _multiplier[j], _offset[j]);
                output[(((image * n) + j) * planeSize) + pixel] = _relu ? Math.Max(v, 0f) : v;
            }
        }
    }
}
