namespace Astrolabe.Tests.Samplers.Nsga;

/// <summary>Small multi-objective problems the NSGA tests run.</summary>
internal static class NsgaProblems
{
    /// <summary>ZDT1 with <paramref name="n"/> variables: its front is f₂ = 1 − √f₁, hypervolume 2/3 against (1, 1).</summary>
    public static Func<Trial, IReadOnlyList<double>> Zdt1(int n) => t =>
    {
        var x = Enumerable.Range(0, n).Select(i => t.SuggestFloat($"x{i}", 0, 1)).ToArray();
        double g = 1 + (9 * x.Skip(1).Sum() / (n - 1));
        return [x[0], g * (1 - Math.Sqrt(x[0] / g))];
    };

    /// <summary>The hypervolume of a study's Complete trials against <paramref name="reference"/> (minimised objectives).</summary>
    public static double HypervolumeOf(Study study, double[] reference) =>
        Hypervolume.Compute([.. study.GetTrials(TrialState.Complete).Select(t => t.Values!)], reference);

    /// <summary>As <see cref="HypervolumeOf(Study, double[])"/>, counting only trials whose stored constraints all hold.</summary>
    public static double FeasibleHypervolumeOf(Study study, double[] reference) =>
        Hypervolume.Compute(
            [.. study.GetTrials(TrialState.Complete).Where(t => ((System.Collections.IEnumerable)t.SystemAttrs["constraints"]!).Cast<object>().All(c => Convert.ToDouble(c, System.Globalization.CultureInfo.InvariantCulture) <= 0)).Select(t => t.Values!)],
            reference);
}
