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
    private readonly float[] _periodMultiplier;
    private readonly float[] _periodOffset;
    private readonly int _low;
    private readonly int _high;
    private readonly bool _relu;

    public Requantizer(QuantizedWeights weights, QuantRange input, QuantRange? output, bool relu)
    {
        int n = weights.N;
        Columns = n;
        _multiplier = new float[n];
        _offset = new float[n];
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

        // The constants repeated over lcm(n, 16) values: the flat loops of ToBytes read whole vectors (8 or 16) of them.
        int period = n * 16 / Gcd(n, 16);
        _periodMultiplier = new float[period];
        _periodOffset = new float[period];
        for (int i = 0; i < period; i++)
        {
            _periodMultiplier[i] = _multiplier[i % n];
            _periodOffset[i] = _offset[i % n];
        }

        if (output is { } range)
        {
            _low = relu ? Math.Max(range.ZeroPoint, range.Min) : range.Min;
            _high = range.Max;
        }
    }

    public int Columns { get; }

    /// <summary>Ints a sums buffer of <paramref name="rows"/> rows needs: the epilogue reads whole vectors of up to 16, so the last row's tail may run past it.</summary>
    public int SumsLength(int rows) => (rows * Columns) + 16;

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);

    /// <summary>
    /// Writes quantised outputs [rows, n] (row stride n) from sums [rows, n]. Both are contiguous, so the loop runs over
    /// the flat array in whole vectors (8, or 16 where Vector512 is accelerated) with the per-column constants repeated over
    /// lcm(n, 16) values; the last partial vector is computed whole (the sums buffer has 16 spare ints) and only its first bytes stored.
    /// </summary>
    public void ToBytes(ReadOnlySpan<int> acc, int rows, Span<byte> output) => ToBytes(acc, rows, output, Vector512.IsHardwareAccelerated);

    /// <summary>As <see cref="ToBytes(ReadOnlySpan{int}, int, Span{byte})"/>, with the vector width chosen (tests run both; the results are the same).</summary>
    internal void ToBytes(ReadOnlySpan<int> acc, int rows, Span<byte> output, bool wide)
    {
        if (wide)
        {
            ToBytes512(acc, rows, output);
            return;
        }

        int total = rows * Columns, period = _periodMultiplier.Length;
        var low = Vector256.Create(_low);
        var high = Vector256.Create(_high);
        ref int src = ref MemoryMarshal.GetReference(acc);
        ref byte dst = ref MemoryMarshal.GetReference(output);
        ref float m = ref MemoryMarshal.GetArrayDataReference(_periodMultiplier);
        ref float a = ref MemoryMarshal.GetArrayDataReference(_periodOffset);
        int p = 0;
        for (int f = 0; f < total; f += 8)
        {
            var v = Vector256.ConvertToSingle(Vector256.LoadUnsafe(ref src, (nuint)f));
            var r = Vector256.Round(Vector256.FusedMultiplyAdd(v, Vector256.LoadUnsafe(ref m, (nuint)p), Vector256.LoadUnsafe(ref a, (nuint)p)));
            var q = Vector256.Min(Vector256.Max(Vector256.ConvertToInt32(r), low), high);
            var s = Vector256.Narrow(q, q);
            ulong packed = Vector256.Narrow(s, s).AsUInt64().ToScalar();
            if (f + 8 <= total)
            {
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, f), packed);
            }
            else
            {
                for (int j = f; j < total; j++, packed >>= 8)
                {
                    Unsafe.Add(ref dst, j) = (byte)packed;
                }
            }

            p += 8;
            if (p == period)
            {
                p = 0;
            }
        }
    }

    /// <summary>The same loop sixteen values at a time (where Vector512 is accelerated).</summary>
    private void ToBytes512(ReadOnlySpan<int> acc, int rows, Span<byte> output)
    {
        int total = rows * Columns, period = _periodMultiplier.Length;
        var low = Vector512.Create(_low);
        var high = Vector512.Create(_high);
        ref int src = ref MemoryMarshal.GetReference(acc);
        ref byte dst = ref MemoryMarshal.GetReference(output);
        ref float m = ref MemoryMarshal.GetArrayDataReference(_periodMultiplier);
        ref float a = ref MemoryMarshal.GetArrayDataReference(_periodOffset);
        int p = 0;
        for (int f = 0; f < total; f += 16)
        {
            var v = Vector512.ConvertToSingle(Vector512.LoadUnsafe(ref src, (nuint)f));
            var r = Vector512.Round(Vector512.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref m, (nuint)p), Vector512.LoadUnsafe(ref a, (nuint)p)));
            var q = Vector512.Min(Vector512.Max(Vector512.ConvertToInt32(r), low), high);
            var s = Vector512.Narrow(q, q);
            var bytes = Vector512.Narrow(s, s).AsByte().GetLower().GetLower();
            if (f + 16 <= total)
            {
                bytes.StoreUnsafe(ref Unsafe.Add(ref dst, f));
            }
            else
            {
                for (int j = f; j < total; j++)
                {
                    Unsafe.Add(ref dst, j) = bytes.GetElement(j - f);
                }
            }

            p += 16;
            if (p == period)
            {
                p = 0;
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
