using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Astrolabe.Nn.Kernels;

/// <summary>The logistic sigmoid of recurrent gates, in float lanes: <c>1 / (1 + e^−x)</c> with <see cref="VectorExp"/>.</summary>
internal static class GateMath
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sigmoid(Vector256<float> x) => Vector256<float>.One / (Vector256<float>.One + VectorExp.Exp(-x));
}
