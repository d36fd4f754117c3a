namespace Astrolabe.Nn;

/// <summary>
/// Weight initialisers with PyTorch's formulas (<c>torch.nn.init</c>): fan-in/fan-out are
/// <c>shape[1]·receptive</c> / <c>shape[0]·receptive</c> where receptive is the product of dims past the second.
/// </summary>
public static class Init
{
    /// <summary>Kaiming (He) uniform: bound = gain·√(3 / fan_in), gain = √(2 / (1 + a²)) (leaky-ReLU slope a).</summary>
    /// <param name="w">The tensor to fill.</param>
    /// <param name="rng">The random source.</param>
    /// <param name="a">The negative slope of the following leaky ReLU (0 for ReLU; √5 gives PyTorch's Linear default).</param>
    public static void KaimingUniform(Tensor w, Rng rng, double a = 0)
    {
        double gain = Math.Sqrt(2.0 / (1 + (a * a)));
        Uniform(w, rng, gain * Math.Sqrt(3.0 / Fans(w).In));
    }

    /// <summary>Kaiming (He) normal: std = gain / √fan_in.</summary>
    /// <param name="w">The tensor to fill.</param>
    /// <param name="rng">The random source.</param>
    /// <param name="a">The negative slope of the following leaky ReLU (0 for ReLU).</param>
    public static void KaimingNormal(Tensor w, Rng rng, double a = 0)
    {
        double gain = Math.Sqrt(2.0 / (1 + (a * a)));
        Normal(w, rng, gain / Math.Sqrt(Fans(w).In));
    }

    /// <summary>Xavier (Glorot) uniform: bound = gain·√(6 / (fan_in + fan_out)).</summary>
    /// <param name="w">The tensor to fill.</param>
    /// <param name="rng">The random source.</param>
    /// <param name="gain">The gain (1 for linear/sigmoid, 5/3 for tanh).</param>
    public static void XavierUniform(Tensor w, Rng rng, double gain = 1)
    {
        var (fi, fo) = Fans(w);
        Uniform(w, rng, gain * Math.Sqrt(6.0 / (fi + fo)));
    }

    /// <summary>Xavier (Glorot) normal: std = gain·√(2 / (fan_in + fan_out)).</summary>
    /// <param name="w">The tensor to fill.</param>
    /// <param name="rng">The random source.</param>
    /// <param name="gain">The gain.</param>
    public static void XavierNormal(Tensor w, Rng rng, double gain = 1)
    {
        var (fi, fo) = Fans(w);
        Normal(w, rng, gain * Math.Sqrt(2.0 / (fi + fo)));
    }

    /// <summary>Fills with U(−bound, bound).</summary>
    /// <param name="w">The tensor to fill.</param>
    /// <param name="rng">The random source.</param>
    /// <param name="bound">The half-width.</param>
    public static void Uniform(Tensor w, Rng rng, double bound)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(rng);
        for (int i = 0; i < w.Length; i++)
        {
            w.Data[i] = (float)(bound * ((2 * rng.NextDouble()) - 1));
        }
    }

    /// <summary>Fills with N(0, std²).</summary>
    /// <param name="w">The tensor to fill.</param>
    /// <param name="rng">The random source.</param>
    /// <param name="std">The standard deviation.</param>
    public static void Normal(Tensor w, Rng rng, double std)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(rng);
        for (int i = 0; i < w.Length; i++)
        {
            w.Data[i] = (float)(std * rng.NextNormal());
        }
    }

    /// <summary>Fan-in and fan-out of a weight of rank ≥ 2 (rank 1: both are its length).</summary>
    /// <param name="w">The weight.</param>
    /// <returns>(fan_in, fan_out).</returns>
    public static (int In, int Out) Fans(Tensor w)
    {
        ArgumentNullException.ThrowIfNull(w);
        if (w.Rank < 2)
        {
            return (w.Length, w.Length);
        }

        int receptive = w.Length / (w.Dim(0) * w.Dim(1));
        return (w.Dim(1) * receptive, w.Dim(0) * receptive);
    }
}
