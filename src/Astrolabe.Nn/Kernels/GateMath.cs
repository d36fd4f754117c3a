using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Astrolabe.Nn.Kernels;

/// <summary>
/// The gate nonlinearities of recurrent cells in float lanes, cheap enough for the per-step element-wise pass:
/// tanh as Eigen's rational approximation (odd degree-13 over even degree-6 polynomial on x clamped to ±7.9053,
/// x itself below |x| = 4e-4; within 3.5e-7 of tanh everywhere, a few ulp), and the logistic sigmoid as
/// <c>½ + ½·tanh(x/2)</c> (absolute error below 2e-7). One division each, no exponential: the exp-based forms made the
/// LSTM's cell pass cost as much as its per-step products.
/// </summary>
internal static class GateMath
{
    private const float Clamp = 7.90531110763549805f;
    private const float Tiny = 0.0004f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Tanh(Vector256<float> x)
    {
        var c = Vector256.Min(Vector256.Max(x, Vector256.Create(-Clamp)), Vector256.Create(Clamp));
        var z = c * c;
        var p = Fma(z, C(-2.76076847742355e-16f), C(2.00018790482477e-13f));
        p = Fma(p, z, C(-8.60467152213735e-11f));
        p = Fma(p, z, C(5.12229709037114e-08f));
        p = Fma(p, z, C(1.48572235717979e-05f));
        p = Fma(p, z, C(6.37261928875436e-04f));
        p = Fma(p, z, C(4.89352455891786e-03f));
        p *= c;
        var q = Fma(z, C(1.19825839466702e-06f), C(1.18534705686654e-04f));
        q = Fma(q, z, C(2.26843463243900e-03f));
        q = Fma(q, z, C(4.89352518554385e-03f));
        return Vector256.ConditionalSelect(Vector256.LessThan(Vector256.Abs(x), C(Tiny)), x, p / q);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sigmoid(Vector256<float> x) => Fma(Tanh(x * 0.5f), C(0.5f), C(0.5f));

    private static Vector256<float> C(float value) => Vector256.Create(value);

    private static Vector256<float> Fma(Vector256<float> a, Vector256<float> b, Vector256<float> c) => Vector256.MultiplyAddEstimate(a, b, c);
}
