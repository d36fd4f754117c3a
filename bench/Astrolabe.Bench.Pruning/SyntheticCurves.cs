namespace Astrolabe.Bench.Pruning;

/// <summary>
/// Validation-accuracy curves (0–100) of a made-up MLP search whose final accuracy is known for every
/// configuration. A configuration is (lr, width, depth, dropout). Its asymptotic accuracy is
/// <c>A∞ = 10 + 88 · q_lr · (0.7 + 0.3 · q_width) · q_dropout · q_depth</c> with
/// q_lr = exp(−½((log10 lr + 2.2)/0.8)²) (best near lr = 6e−3, chance level 10 % for a hopeless lr),
/// q_width = 1 − exp(−width/64), q_dropout = 1 − 1.2 · (dropout − 0.2)², q_depth = 0.97, 1, 0.985 for 1, 2, 3 layers.
/// It learns at rate k = (0.04 + 0.1 · (log10 lr + 4)) / (1 + 0.25 · (depth − 1)) · (1 − 0.6 · dropout), so small
/// learning rates, deep and heavily regularised nets are slow starters and curves cross.
/// The accuracy after epoch t is <c>A∞ − (A∞ − 10) · exp(−k·t) + ε</c>, ε ~ N(0, 0.4²) drawn independently per
/// epoch from a counter-based generator (SplitMix64 of seed, trial number and epoch), so every arm of the
/// benchmark, and the Python peer, sees the same noisy curve for the same trial.
/// </summary>
internal static class SyntheticCurves
{
    public const double NoiseSd = 0.4;

    public static double Asymptote(double lr, int width, int depth, double dropout)
    {
        double u = Math.Log10(lr);
        double qLr = Math.Exp(-0.5 * Math.Pow((u + 2.2) / 0.8, 2));
        double qWidth = 1 - Math.Exp(-width / 64.0);
        double qDropout = 1 - (1.2 * (dropout - 0.2) * (dropout - 0.2));
        double qDepth = depth switch { 1 => 0.97, 2 => 1.0, _ => 0.985 };
        return 10 + (88 * qLr * (0.7 + (0.3 * qWidth)) * qDropout * qDepth);
    }

    public static double Rate(double lr, int depth, double dropout) =>
        (0.04 + (0.1 * (Math.Log10(lr) + 4))) / (1 + (0.25 * (depth - 1))) * (1 - (0.6 * dropout));

    /// <summary>The observed accuracy after <paramref name="epoch"/> (1, 2, …) epochs.</summary>
    public static double Accuracy(double lr, int width, int depth, double dropout, int epoch, int seed, int trial)
    {
        double a = Asymptote(lr, width, depth, dropout);
        double clean = a - ((a - 10) * Math.Exp(-Rate(lr, depth, dropout) * epoch));
        return clean + (NoiseSd * Normal(((ulong)seed * 1_000_003UL) + ((ulong)trial * 1_009UL) + (ulong)epoch));
    }

    private static double Normal(ulong key)
    {
        double u1 = Uniform(2 * key);
        double u2 = Uniform((2 * key) + 1);
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private static double Uniform(ulong key) => ((SplitMix64(key) >> 11) + 0.5) * (1.0 / (1UL << 53));

    private static ulong SplitMix64(ulong z)
    {
        unchecked
        {
            z += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
