using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Astrolabe.Nn.Kernels;

/// <summary>
/// One LSTM cell row, element-wise over the hidden units, in Vector256 lanes (the tail runs the same lane formulas
/// on broadcast vectors). Gate rows are laid out as PyTorch's: <c>[i | f | g | o]</c>, each <c>hidden</c> wide.
/// </summary>
internal static class LstmCellKernel
{
    private static int Width => Vector256<float>.Count;

    /// <summary>
    /// From the pre-activations in <paramref name="gates"/> (overwritten by the activations σ(i), σ(f), tanh(g), σ(o)):
    /// <c>c = f·cPrev + i·g</c>, <c>tc = tanh(c)</c>, <c>h = o·tc</c>.
    /// </summary>
    public static void Forward(Span<float> gates, ReadOnlySpan<float> cPrev, Span<float> c, Span<float> tc, Span<float> h)
    {
        int n = h.Length;
        ref float g0 = ref MemoryMarshal.GetReference(gates);
        ref float cp = ref MemoryMarshal.GetReference(cPrev);
        ref float cr = ref MemoryMarshal.GetReference(c);
        ref float tr = ref MemoryMarshal.GetReference(tc);
        ref float hr = ref MemoryMarshal.GetReference(h);
        nuint f = (nuint)n, g = 2 * (nuint)n, o = 3 * (nuint)n;
        int j = 0;
        for (; j <= n - Width; j += Width)
        {
            nuint u = (nuint)j;
            Lane(
                Vector256.LoadUnsafe(ref g0, u), Vector256.LoadUnsafe(ref g0, f + u), Vector256.LoadUnsafe(ref g0, g + u),
                Vector256.LoadUnsafe(ref g0, o + u), Vector256.LoadUnsafe(ref cp, u),
                out var vi, out var vf, out var vg, out var vo, out var vc, out var vt, out var vh);
            vi.StoreUnsafe(ref g0, u);
            vf.StoreUnsafe(ref g0, f + u);
            vg.StoreUnsafe(ref g0, g + u);
            vo.StoreUnsafe(ref g0, o + u);
            vc.StoreUnsafe(ref cr, u);
            vt.StoreUnsafe(ref tr, u);
            vh.StoreUnsafe(ref hr, u);
        }

        for (; j < n; j++)
        {
            Lane(
                Vector256.Create(gates[j]), Vector256.Create(gates[n + j]), Vector256.Create(gates[(2 * n) + j]),
                Vector256.Create(gates[(3 * n) + j]), Vector256.Create(cPrev[j]),
                out var vi, out var vf, out var vg, out var vo, out var vc, out var vt, out var vh);
            gates[j] = vi.ToScalar();
            gates[n + j] = vf.ToScalar();
            gates[(2 * n) + j] = vg.ToScalar();
            gates[(3 * n) + j] = vo.ToScalar();
            c[j] = vc.ToScalar();
            tc[j] = vt.ToScalar();
            h[j] = vh.ToScalar();
        }
    }

    /// <summary>
    /// Back through one cell row: from the saved activations, tanh(c) and cPrev, the gradient <paramref name="dh"/> of
    /// h and <paramref name="dc"/> of c (replaced by the gradient of cPrev), writes the pre-activation gradients
    /// <c>[di | df | dg | do]</c> into <paramref name="dGates"/>.
    /// </summary>
    public static void Backward(
        ReadOnlySpan<float> gates, ReadOnlySpan<float> tc, ReadOnlySpan<float> cPrev, ReadOnlySpan<float> dh, Span<float> dc, Span<float> dGates)
    {
        int n = dh.Length;
        ref float g0 = ref MemoryMarshal.GetReference(gates);
        ref float tr = ref MemoryMarshal.GetReference(tc);
        ref float cp = ref MemoryMarshal.GetReference(cPrev);
        ref float hr = ref MemoryMarshal.GetReference(dh);
        ref float cr = ref MemoryMarshal.GetReference(dc);
        ref float d0 = ref MemoryMarshal.GetReference(dGates);
        nuint f = (nuint)n, g = 2 * (nuint)n, o = 3 * (nuint)n;
        int j = 0;
        for (; j <= n - Width; j += Width)
        {
            nuint u = (nuint)j;
            BackLane(
                Vector256.LoadUnsafe(ref g0, u), Vector256.LoadUnsafe(ref g0, f + u), Vector256.LoadUnsafe(ref g0, g + u),
                Vector256.LoadUnsafe(ref g0, o + u), Vector256.LoadUnsafe(ref tr, u), Vector256.LoadUnsafe(ref cp, u),
                Vector256.LoadUnsafe(ref hr, u), Vector256.LoadUnsafe(ref cr, u),
                out var di, out var df, out var dg, out var dO, out var dcp);
            di.StoreUnsafe(ref d0, u);
            df.StoreUnsafe(ref d0, f + u);
            dg.StoreUnsafe(ref d0, g + u);
            dO.StoreUnsafe(ref d0, o + u);
            dcp.StoreUnsafe(ref cr, u);
        }

        for (; j < n; j++)
        {
            BackLane(
                Vector256.Create(gates[j]), Vector256.Create(gates[n + j]), Vector256.Create(gates[(2 * n) + j]),
                Vector256.Create(gates[(3 * n) + j]), Vector256.Create(tc[j]), Vector256.Create(cPrev[j]),
                Vector256.Create(dh[j]), Vector256.Create(dc[j]),
                out var di, out var df, out var dg, out var dO, out var dcp);
            dGates[j] = di.ToScalar();
            dGates[n + j] = df.ToScalar();
            dGates[(2 * n) + j] = dg.ToScalar();
            dGates[(3 * n) + j] = dO.ToScalar();
            dc[j] = dcp.ToScalar();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Lane(
        Vector256<float> pi, Vector256<float> pf, Vector256<float> pg, Vector256<float> po, Vector256<float> cPrev,
        out Vector256<float> i, out Vector256<float> f, out Vector256<float> g, out Vector256<float> o,
        out Vector256<float> c, out Vector256<float> tc, out Vector256<float> h)
    {
        i = GateMath.Sigmoid(pi);
        f = GateMath.Sigmoid(pf);
        g = GateMath.Tanh(pg);
        o = GateMath.Sigmoid(po);
        c = Vector256.MultiplyAddEstimate(f, cPrev, i * g);
        tc = GateMath.Tanh(c);
        h = o * tc;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void BackLane(
        Vector256<float> i, Vector256<float> f, Vector256<float> g, Vector256<float> o, Vector256<float> tc,
        Vector256<float> cPrev, Vector256<float> dh, Vector256<float> dc,
        out Vector256<float> di, out Vector256<float> df, out Vector256<float> dg, out Vector256<float> dO, out Vector256<float> dcPrev)
    {
        var one = Vector256<float>.One;
        var dct = dc + (dh * o * (one - (tc * tc)));
        dO = dh * tc * o * (one - o);
        di = dct * g * i * (one - i);
        df = dct * cPrev * f * (one - f);
        dg = dct * i * (one - (g * g));
        dcPrev = dct * f;
    }
}
