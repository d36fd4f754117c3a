namespace Astrolabe.Nn.Kernels;

/// <summary>
/// The instruction path of an int8 product (<see cref="Int8Gemm"/>). A <see cref="PackedInt8Weights"/> is laid out
/// for one path and is multiplied on that path; every path gives the same, exact int32 results.
/// </summary>
internal enum Int8Path
{
    /// <summary>Plain loops over the weights as given; runs everywhere and is the reference for the others.</summary>
    Scalar,

    /// <summary>
    /// AVX2 without VNNI: operands widened to int16 and multiplied with <c>vpmaddwd</c> (exact; see
    /// <see cref="Int8Avx2Kernel"/>).
    /// </summary>
    Avx2,

    /// <summary>AVX-VNNI: 256-bit <c>vpdpbusd</c>, four u8·s8 products summed into each int32 lane (see <see cref="Int8VnniKernel"/>).</summary>
    AvxVnni,
}
