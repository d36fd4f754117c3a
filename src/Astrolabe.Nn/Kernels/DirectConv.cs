using System.Buffers;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;

namespace Astrolabe.Nn.Kernels;

/// <summary>
/// Stride-1 convolution computed directly on zero-padded input planes, for layers whose im2col matrix would have few
/// rows (C·KH·KW ≤ <see cref="MaxRows"/>, e.g. a first layer on one to three channels): a GEMM whose inner dimension
/// is that small runs far below the micro-kernel's speed, and im2col would copy the input KH·KW times.
/// </summary>
/// <remarks>
/// A padded plane (Hp × Wp rows, then zeros) is read as one flat run: output pixel (y, x) is flat index y·Wp + x and
/// tap (kh, kw) reads flat index + kh·Wp + kw, so one output channel's plane is Σ over channels and taps of
/// w · (the padded plane shifted by the tap's offset) (<see cref="DirectConvCore.Correlate"/>). The Wp − OW columns
/// past each output row are computed and dropped (forward) or held at zero (backward). The input gradient is the same
/// correlation with the taps mirrored and the roles of the channels swapped. Every sum runs in the same order whatever
/// the thread count: forward and the input gradient split the batch, the weight gradient the output channels.
/// </remarks>
internal sealed unsafe class DirectConv
{
    /// <summary>The largest C·KH·KW for which the direct kernels are used.</summary>
    public const int MaxRows = 32;

    private readonly ConvGeometry _g;
    private readonly int _o;
    private readonly int _wp;
    private readonly int _flat;
    private readonly int _maxOffset;
    private readonly int _plane;
    private readonly int[] _offsets;
    private readonly bool _wide;

    /// <summary>A convolution of geometry <paramref name="g"/> into <paramref name="outChannels"/> planes.</summary>
    /// <param name="g">The geometry (stride 1).</param>
    /// <param name="outChannels">The output channels.</param>
    /// <param name="wide">
    /// Whether the 512-bit loops run (default: where Vector512 is accelerated); tests pass both, the wide loops then
    /// running in software where the CPU lacks AVX-512.
    /// </param>
    public DirectConv(ConvGeometry g, int outChannels, bool? wide = null)
    {
        _g = g;
        _o = outChannels;
        _wide = wide ?? Vector512.IsHardwareAccelerated;
        _wp = g.W + (2 * g.Padding);
        _flat = RoundUp16(g.OH * _wp);
        _maxOffset = ((g.KH - 1) * _wp) + g.KW - 1;
        _plane = _flat + _maxOffset;
        _offsets = new int[g.KH * g.KW];
        for (int k = 0; k < _offsets.Length; k++)
        {
            _offsets[k] = (k / g.KW * _wp) + (k % g.KW);
        }
    }

    /// <summary>Whether the direct kernels handle <paramref name="g"/> (they need hardware 256-bit vectors).</summary>
    public static bool Applies(ConvGeometry g) => Vector256.IsHardwareAccelerated && g.Stride == 1 && g.Rows <= MaxRows;

    /// <summary>Floats of the padded input <see cref="Pad"/> writes: N·C planes.</summary>
    public int PaddedLength => _g.N * _g.C * _plane;

    private int Taps => _offsets.Length;

    private int OutPlane => _g.OH * _g.OW;

    /// <summary>Writes every input plane of <paramref name="x"/>, zero-padded, into <paramref name="xp"/>.</summary>
    public void Pad(float[] x, float[] xp)
    {
        var g = _g;
        KernelThreads.ForRanges(g.N * g.C, _plane, (first, count) =>
        {
            for (int nc = first; nc < first + count; nc++)
            {
                var dst = xp.AsSpan(nc * _plane, _plane);
                dst.Clear();
                for (int i = 0; i < g.H; i++)
                {
                    x.AsSpan(((nc * g.H) + i) * g.W, g.W).CopyTo(dst[(((i + g.Padding) * _wp) + g.Padding)..]);
                }
            }
        });
    }

    /// <summary>y[n, o] = bias[o] + Σ_c w[o, c] ⋆ xp[n, c], for the padded input of <see cref="Pad"/>.</summary>
    public void Forward(float[] xp, float[] w, float[]? bias, float[] y)
    {
        var g = _g;
        var weights = Coefficients(w, _o, g.C, transpose: false);
        KernelThreads.ForParts(g.N, (long)_o * _flat * g.Rows, (first, end) =>
        {
            var rented = ArrayPool<float>.Shared.Rent(_o * _flat);
            fixed (float* pxp = xp, pb = bias, acc = rented, py = y)
            fixed (int* offsets = _offsets)
            {
                for (int n = first; n < end; n++)
                {
                    Correlate(pxp + ((long)n * g.C * _plane), g.C, _plane, offsets, weights, pb, _o, acc, _flat, _flat);
                    for (int oc = 0; oc < _o; oc++)
                    {
                        DirectConvCore.CompactRows(acc + (oc * _flat), _wp, py + (((n * _o) + oc) * OutPlane), g.OH, g.OW);
                    }
                }
            }

            ArrayPool<float>.Shared.Return(rented);
        });
    }

    /// <summary>
    /// gw[o, c, tap] += Σ_n gy[n, o] · (xp[n, c] shifted by the tap) and gb[o] += Σ gy[n, o], each when given.
    /// </summary>
    public void BackwardWeight(float[] xp, float[] gy, float[]? gw, float[]? gb)
    {
        var g = _g;
        KernelThreads.ForParts(_o, (long)g.N * _flat * g.Rows, (first, end) =>
        {
            var rented = ArrayPool<float>.Shared.Rent(_flat);
            rented.AsSpan(0, _flat).Clear();
            fixed (float* pxp = xp, pgw = gw, grad = rented)
            fixed (int* offsets = _offsets)
            {
                for (int oc = first; oc < end; oc++)
                {
                    for (int n = 0; n < g.N; n++)
                    {
                        var plane = gy.AsSpan(((n * _o) + oc) * OutPlane, OutPlane);
                        if (pgw is null || !_wide)
                        {
                            if (gb is not null)
                            {
                                gb[oc] += TensorPrimitives.Sum<float>(plane);
                            }

                            if (pgw is null)
                            {
                                continue;
                            }
                        }

                        Spread(plane, new Span<float>(grad, _flat));
                        for (int c = 0; c < g.C; c++)
                        {
                            float* input = pxp + ((long)((n * g.C) + c) * _plane), sums = pgw + (((oc * g.C) + c) * Taps);
                            if (_wide)
                            {
                                // The pass sums the gradient plane too (its padding columns are zero): the bias's share.
                                float planeSum = DirectConvCore.TapDots512(grad, input, offsets, Taps, _flat, sums);
                                if (c == 0 && gb is not null)
                                {
                                    gb[oc] += planeSum;
                                }
                            }
                            else
                            {
                                DirectConvCore.TapDots(grad, input, offsets, Taps, _flat, sums);
                            }
                        }
                    }
                }
            }

            ArrayPool<float>.Shared.Return(rented);
        });
    }

    /// <summary>gx[n, c] += Σ_o w[o, c] ⋆ᵀ gy[n, o] (the adjoint of <see cref="Forward"/>, cropped back to H × W).</summary>
    public void BackwardInput(float[] w, float[] gy, float[] gx)
    {
        var g = _g;
        // Gradient planes sit at _maxOffset in zeroed runs of gradStride floats, so every mirrored tap reads in bounds.
        int padded = RoundUp16((g.H + (2 * g.Padding)) * _wp), gradStride = padded + _maxOffset;
        var mirrored = _offsets.Select(offset => _maxOffset - offset).ToArray();
        var weights = Coefficients(w, _o, g.C, transpose: true);
        KernelThreads.ForParts(g.N, (long)_o * _flat * g.Rows, (first, end) =>
        {
            var rentedGrad = ArrayPool<float>.Shared.Rent(_o * gradStride);
            var rentedInput = ArrayPool<float>.Shared.Rent(g.C * padded);
            rentedGrad.AsSpan(0, _o * gradStride).Clear();
            fixed (float* grad = rentedGrad, dx = rentedInput)
            fixed (int* offsets = mirrored)
            {
                for (int n = first; n < end; n++)
                {
                    for (int oc = 0; oc < _o; oc++)
                    {
                        Spread(gy.AsSpan(((n * _o) + oc) * OutPlane, OutPlane), new Span<float>(grad + (oc * gradStride) + _maxOffset, _flat));
                    }

                    Correlate(grad, _o, gradStride, offsets, weights, null, g.C, dx, padded, padded);
                    for (int c = 0; c < g.C; c++)
                    {
                        for (int i = 0; i < g.H; i++)
                        {
                            var src = new ReadOnlySpan<float>(dx + (c * padded) + ((i + g.Padding) * _wp) + g.Padding, g.W);
                            var dst = gx.AsSpan(((((n * g.C) + c) * g.H) + i) * g.W, g.W);
                            TensorPrimitives.Add(dst, src, dst);
                        }
                    }
                }
            }

            ArrayPool<float>.Shared.Return(rentedInput);
            ArrayPool<float>.Shared.Return(rentedGrad);
        });
    }

    /// <summary>
    /// The coefficients, one row per output plane of the correlation (out channels, or in channels when transposed),
    /// each row its inputs·taps weights, rows padded with zeros to a multiple of the block: broadcast to vectors for
    /// the 256-bit loop, as floats (broadcast when read) for the 512-bit one.
    /// </summary>
    private DirectConvCoefficients Coefficients(float[] w, int outChannels, int inChannels, bool transpose)
    {
        int taps = Taps, planes = transpose ? inChannels : outChannels, inputs = transpose ? outChannels : inChannels;
        int length = (planes + DirectConvCore.Block - 1) / DirectConvCore.Block * DirectConvCore.Block * inputs * taps;
        var floats = _wide ? new float[length] : null;
        var vectors = _wide ? null : new Vector256<float>[length];
        for (int oc = 0; oc < outChannels; oc++)
        {
            for (int c = 0; c < inChannels; c++)
            {
                for (int t = 0; t < taps; t++)
                {
                    int row = transpose ? c : oc, input = transpose ? oc : c;
                    int at = (((row * inputs) + input) * taps) + t;
                    float value = w[(((oc * inChannels) + c) * taps) + t];
                    if (floats is not null)
                    {
                        floats[at] = value;
                    }
                    else
                    {
                        vectors![at] = Vector256.Create(value);
                    }
                }
            }
        }

        return new DirectConvCoefficients(floats, vectors);
    }

    /// <summary><see cref="DirectConvCore.Correlate"/> or its 512-bit form, with the coefficients each needs.</summary>
    private void Correlate(float* input, int inputs, int inputStride, int* offsets, DirectConvCoefficients weights, float* initial, int outputs, float* output, int outputStride, int length)
    {
        if (_wide)
        {
            fixed (float* pw = weights.Floats)
            {
                DirectConvCore.Correlate512(input, inputs, inputStride, offsets, Taps, pw, initial, outputs, output, outputStride, length);
            }
        }
        else
        {
            fixed (Vector256<float>* pw = weights.Vectors)
            {
                DirectConvCore.Correlate(input, inputs, inputStride, offsets, Taps, pw, initial, outputs, output, outputStride, length);
            }
        }
    }

    /// <summary>Copies an OH × OW gradient plane into the Wp-wide rows of <paramref name="grad"/>; its other columns stay zero.</summary>
    private void Spread(ReadOnlySpan<float> plane, Span<float> grad)
    {
        for (int i = 0; i < _g.OH; i++)
        {
            plane.Slice(i * _g.OW, _g.OW).CopyTo(grad[(i * _wp)..]);
        }
    }

    private static int RoundUp16(int n) => (n + 15) & ~15;
}

/// <summary>A correlation's coefficients: floats for the 512-bit loop, or broadcast vectors for the 256-bit one.</summary>
internal sealed record DirectConvCoefficients(float[]? Floats, Vector256<float>[]? Vectors);
