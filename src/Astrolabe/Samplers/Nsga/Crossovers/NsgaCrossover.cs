namespace Astrolabe;

/// <summary>
/// How <see cref="NsgaIISampler"/> and <see cref="NsgaIIISampler"/> make a child from parents (Optuna's
/// <c>BaseCrossover</c>). A crossover sees only the numeric parameters of the joint space, as one vector per parent in
/// the sampler's continuous coordinates (log-scaled parameters as their logarithm, integer and stepped ones widened
/// by half a step at each end); categorical parameters always take a uniform crossover. A child outside the
/// parameters' bounds is discarded and the sampler draws new parents and crosses them again. Implementations are
/// stateless (every random draw comes from the generator passed in) and so safe to share between samplers.
/// </summary>
public abstract class NsgaCrossover
{
    /// <summary>How many parents a child is made from (2 or 3 for the built-in crossovers).</summary>
    public abstract int ParentCount { get; }

    /// <summary>
    /// The child of <paramref name="parents"/> (<see cref="ParentCount"/> vectors of the same length, best first as
    /// the binary tournaments chose them), one value per coordinate. <paramref name="low"/> and
    /// <paramref name="high"/> are the coordinates' bounds; <paramref name="multiObjective"/> says whether the study
    /// has several objectives (SBX's default distribution index depends on it).
    /// </summary>
    public abstract double[] Cross(IReadOnlyList<double[]> parents, IReadOnlyList<double> low, IReadOnlyList<double> high, bool multiObjective, Random rng);

    /// <summary>Optuna's name of the crossover.</summary>
    public override string ToString() => GetType().Name;
}
