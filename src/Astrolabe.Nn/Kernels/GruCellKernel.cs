using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Astrolabe.Nn.Kernels;

/// <summary>
/// One GRU cell row, element-wise over the hidden units, in Vector256 lanes (the tail runs the same lane formulas on
/// broadcast vectors). Gate rows are laid out as PyTorch's: <c>[r | z | n]</c>, each <c>hidden</c> wide;
/// <c>n = tanh(W_in·x + b_in + r ⊙ (W_hn·h + b_hn))</c>, <c>h' = (1 − z) ⊙ n + z ⊙ h</c>.
/// </summary>
internal static class GruCellKernel
{
    private static int Width => Vector256<float>.Count;

    /// <summary>
    /// <paramref name="gates"/> holds the pre-activations of r and z (both sides summed, biases included) and the input
    /// side of n (with b_in); it is overwritten by r, z and n. <paramref name="hiddenN"/> holds <c>W_hn·h</c> and gets
    /// <paramref name="biasN"/> (b_hn; empty for none) added. <paramref name="h"/> receives the new state.
    /// </summary>
    public static void Forward(Span<float> gates, Span<float> hiddenN, ReadOnlySpan<float> biasN, ReadOnlySpan<float> hPrev, Span<float> h)
    {
        int n = h.Length;
        bool bias = !biasN.IsEmpty;
        ref float g0 = ref MemoryMarshal.GetReference(gates);
        ref float hn = ref MemoryMarshal.GetReference(hiddenN);
        ref float hp = ref MemoryMarshal.GetReference(hPrev);
        ref float hr = ref MemoryMarshal.GetReference(h);
        nuint z = (nuint)n, nn = 2 * (nuint)n;
        int j = 0;
        for (; j <= n - Width; j += Width)
        {
            nuint u = (nuint)j;
            var b = bias ? Vector256.Create(biasN.Slice(j, Width)) : Vector256<float>.Zero;
            Lane(
                Vector256.LoadUnsafe(ref g0, u), Vector256.LoadUnsafe(ref g0, z + u), Vector256.LoadUnsafe(ref g0, nn + u),
                Vector256.LoadUnsafe(ref hn, u) + b, Vector256.LoadUnsafe(ref hp, u),
                out var vr, out var vz, out var vn, out var vh);
            vr.StoreUnsafe(ref g0, u);
            vz.StoreUnsafe(ref g0, z + u);
            vn.StoreUnsafe(ref g0, nn + u);
            (Vector256.LoadUnsafe(ref hn, u) + b).StoreUnsafe(ref hn, u);
            vh.StoreUnsafe(ref hr, u);
        }

        for (; j < n; j++)
        {
            float hb = hiddenN[j] + (bias ? biasN[j] : 0f);
            Lane(
                Vector256.Create(gates[j]), Vector256.Create(gates[n + j]), Vector256.Create(gates[(2 * n) + j]),
                Vector256.Create(hb), Vector256.Create(hPrev[j]),
                out var vr, out var vz, out var vn, out var vh);
            gates[j] = vr.ToScalar();
            gates[n + j] = vz.ToScalar();
            gates[(2 * n) + j] = vn.ToScalar();
            hiddenN[j] = hb;
            h[j] = vh.ToScalar();
        }
    }

    /// <summary>
    /// Back through one cell row: from the saved r, z, n, <c>W_hn·h + b_hn</c> and the previous state, and the
    /// gradient <paramref name="dh"/> of the new state (replaced by the part of the previous state's gradient that
    /// skips the matrix product, <c>dh ⊙ z</c>), writes the input-side pre-activation gradients <c>[dr | dz | dn]</c>
    /// into <paramref name="dInput"/> and the hidden-side ones <c>[dr | dz | dn ⊙ r]</c> into <paramref name="dHidden"/>.
    /// </summary>
    public static void Backward(
        ReadOnlySpan<float> gates, ReadOnlySpan<float> hiddenN, ReadOnlySpan<float> hPrev, Span<float> dh, Span<float> dInput, Span<float> dHidden)
    {
        int n = dh.Length;
        ref float g0 = ref MemoryMarshal.GetReference(gates);
        ref float hn = ref MemoryMarshal.GetReference(hiddenN);
        ref float hp = ref MemoryMarshal.GetReference(hPrev);
        ref float dr = ref MemoryMarshal.GetReference(dh);
        ref float dx = ref MemoryMarshal.GetReference(dInput);
        ref float dhh = ref MemoryMarshal.GetReference(dHidden);
        nuint z = (nuint)n, nn = 2 * (nuint)n;
        int j = 0;
        for (; j <= n - Width; j += Width)
        {
            nuint u = (nuint)j;
            BackLane(
                Vector256.LoadUnsafe(ref g0, u), Vector256.LoadUnsafe(ref g0, z + u), Vector256.LoadUnsafe(ref g0, nn + u),
                Vector256.LoadUnsafe(ref hn, u), Vector256.LoadUnsafe(ref hp, u), Vector256.LoadUnsafe(ref dr, u),
                out var gr, out var gz, out var gn, out var gnh, out var gh);
            gr.StoreUnsafe(ref dx, u);
            gz.StoreUnsafe(ref dx, z + u);
            gn.StoreUnsafe(ref dx, nn + u);
            gr.StoreUnsafe(ref dhh, u);
            gz.StoreUnsafe(ref dhh, z + u);
            gnh.StoreUnsafe(ref dhh, nn + u);
            gh.StoreUnsafe(ref dr, u);
        }

        for (; j < n; j++)
        {
            BackLane(
                Vector256.Create(gates[j]), Vector256.Create(gates[n + j]), Vector256.Create(gates[(2 * n) + j]),
                Vector256.Create(hiddenN[j]), Vector256.Create(hPrev[j]), Vector256.Create(dh[j]),
                out var gr, out var gz, out var gn, out var gnh, out var gh);
            dInput[j] = dHidden[j] = gr.ToScalar();
            dInput[n + j] = dHidden[n + j] = gz.ToScalar();
            dInput[(2 * n) + j] = gn.ToScalar();
            dHidden[(2 * n) + j] = gnh.ToScalar();
            dh[j] = gh.ToScalar();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Lane(
        Vector256<float> pr, Vector256<float> pz, Vector256<float> pn, Vector256<float> hiddenN, Vector256<float> hPrev,
        out Vector256<float> r, out Vector256<float> z, out Vector256<float> n, out Vector256<float> h)
    {
        r = GateMath.Sigmoid(pr);
        z = GateMath.Sigmoid(pz);
        n = GateMath.Tanh(Vector256.MultiplyAddEstimate(r, hiddenN, pn));
        h = Vector256.MultiplyAddEstimate(z, hPrev - n, n);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void BackLane(
        Vector256<float> r, Vector256<float> z, Vector256<float> n, Vector256<float> hiddenN, Vector256<float> hPrev, Vector256<float> dh,
        out Vector256<float> dr, out Vector256<float> dz, out Vector256<float> dn, out Vector256<float> dnHidden, out Vector256<float> dhPrev)
    {
        var one = Vector256<float>.One;
        dn = dh * (one - z) * (one - (n * n));
        dr = dn * hiddenN * r * (one - r);
        dz = dh * (hPrev - n) * z * (one - z);
        dnHidden = dn * r;
        dhPrev = dh * z;
    }
}
