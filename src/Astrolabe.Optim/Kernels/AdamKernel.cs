using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Astrolabe.Optim;

/// <summary>The coefficients of one fused Adam pass (see <see cref="AdamKernel"/>).</summary>
internal readonly record struct AdamCoefficients(float Beta1, float OneMinusBeta1, float Beta2, float OneMinusBeta2, float InvBias1, float InvSqrtBias2, float Eps);

/// <summary>
/// One fused pass of Adam over a range: with <c>g = xa·x + xb·p</c>, <c>m ← β1·m + (1−β1)·g</c>,
/// <c>v ← β2·v + (1−β2)·g²</c>, (AMSGrad: <c>v̂ ← max(v̂, v)</c>), <c>u = (m/bc1) / (√v/√bc2 + ε)</c>, and
/// <c>dest = ds·dest + os·u</c> (ds = 0 overwrites). Vector512, then Vector256, then scalar.
/// </summary>
internal static class AdamKernel
{
    /// <summary>Runs the pass over <c>[start, end)</c> with the widest accelerated vectors, then scalars.</summary>
    public static void Run(LinearInput input, float[] m, float[] v, float[]? vmax, AdamCoefficients c, float[] dest, float ds, float os, int start, int end)
    {
        int i = start;
        if (Vector512.IsHardwareAccelerated)
        {
            i = Run512(input, m, v, vmax, c, dest, ds, os, i, end);
        }

        if (Vector256.IsHardwareAccelerated)
        {
            i = Run256(input, m, v, vmax, c, dest, ds, os, i, end);
        }

        RunScalar(input, m, v, vmax, c, dest, ds, os, i, end);
    }

    /// <summary>Whole Vector512 blocks from <paramref name="i"/>; returns where it stopped.</summary>
    internal static int Run512(LinearInput input, float[] m, float[] v, float[]? vmax, AdamCoefficients c, float[] dest, float ds, float os, int i, int end)
    {
        ref float x = ref MemoryMarshal.GetArrayDataReference(input.X);
        ref float p = ref MemoryMarshal.GetArrayDataReference(input.P);
        ref float mr = ref MemoryMarshal.GetArrayDataReference(m);
        ref float vr = ref MemoryMarshal.GetArrayDataReference(v);
        ref float dr = ref MemoryMarshal.GetArrayDataReference(dest);
        bool ams = vmax is not null;
        ref float vm = ref ams ? ref MemoryMarshal.GetArrayDataReference(vmax!) : ref vr;
        for (; i <= end - Vector512<float>.Count; i += Vector512<float>.Count)
        {
            nuint k = (nuint)i;
            var g = (Vector512.LoadUnsafe(ref x, k) * input.A) + (Vector512.LoadUnsafe(ref p, k) * input.B);
            var mm = (Vector512.LoadUnsafe(ref mr, k) * c.Beta1) + (g * c.OneMinusBeta1);
            var vv = (Vector512.LoadUnsafe(ref vr, k) * c.Beta2) + (g * g * c.OneMinusBeta2);
            mm.StoreUnsafe(ref mr, k);
            vv.StoreUnsafe(ref vr, k);
            if (ams)
            {
                vv = Vector512.Max(Vector512.LoadUnsafe(ref vm, k), vv);
                vv.StoreUnsafe(ref vm, k);
            }

            var u = mm * c.InvBias1 / ((Vector512.Sqrt(vv) * c.InvSqrtBias2) + Vector512.Create(c.Eps));
            var o = ds == 0f ? u * os : (Vector512.LoadUnsafe(ref dr, k) * ds) + (u * os);
            o.StoreUnsafe(ref dr, k);
        }

        return i;
    }

    /// <summary>Whole Vector256 blocks from <paramref name="i"/>; returns where it stopped.</summary>
    internal static int Run256(LinearInput input, float[] m, float[] v, float[]? vmax, AdamCoefficients c, float[] dest, float ds, float os, int i, int end)
    {
        ref float x = ref MemoryMarshal.GetArrayDataReference(input.X);
        ref float p = ref MemoryMarshal.GetArrayDataReference(input.P);
        ref float mr = ref MemoryMarshal.GetArrayDataReference(m);
        ref float vr = ref MemoryMarshal.GetArrayDataReference(v);
        ref float dr = ref MemoryMarshal.GetArrayDataReference(dest);
        bool ams = vmax is not null;
        ref float vm = ref ams ? ref MemoryMarshal.GetArrayDataReference(vmax!) : ref vr;
        for (; i <= end - Vector256<float>.Count; i += Vector256<float>.Count)
        {
            nuint k = (nuint)i;
            var g = (Vector256.LoadUnsafe(ref x, k) * input.A) + (Vector256.LoadUnsafe(ref p, k) * input.B);
            var mm = (Vector256.LoadUnsafe(ref mr, k) * c.Beta1) + (g * c.OneMinusBeta1);
            var vv = (Vector256.LoadUnsafe(ref vr, k) * c.Beta2) + (g * g * c.OneMinusBeta2);
            mm.StoreUnsafe(ref mr, k);
            vv.StoreUnsafe(ref vr, k);
            if (ams)
            {
                vv = Vector256.Max(Vector256.LoadUnsafe(ref vm, k), vv);
                vv.StoreUnsafe(ref vm, k);
            }

            var u = mm * c.InvBias1 / ((Vector256.Sqrt(vv) * c.InvSqrtBias2) + Vector256.Create(c.Eps));
            var o = ds == 0f ? u * os : (Vector256.LoadUnsafe(ref dr, k) * ds) + (u * os);
            o.StoreUnsafe(ref dr, k);
        }

        return i;
    }

    /// <summary>One element at a time over <c>[i, end)</c>.</summary>
    internal static void RunScalar(LinearInput input, float[] m, float[] v, float[]? vmax, AdamCoefficients c, float[] dest, float ds, float os, int i, int end)
    {
        for (; i < end; i++)
        {
            float g = (input.X[i] * input.A) + (input.P[i] * input.B);
            float mm = (m[i] * c.Beta1) + (g * c.OneMinusBeta1);
            float vv = (v[i] * c.Beta2) + (g * g * c.OneMinusBeta2);
            m[i] = mm;
            v[i] = vv;
            if (vmax is not null)
            {
                vv = MathF.Max(vmax[i], vv);
                vmax[i] = vv;
            }

            float u = mm * c.InvBias1 / ((MathF.Sqrt(vv) * c.InvSqrtBias2) + c.Eps);
            dest[i] = ds == 0f ? u * os : (dest[i] * ds) + (u * os);
        }
    }
}
