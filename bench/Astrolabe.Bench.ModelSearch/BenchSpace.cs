using Astrolabe.ModelSearch;

namespace Astrolabe.Bench.ModelSearch;

/// <summary>The search space, task and pruner both modes share: the demo's, with the maximum epochs as a parameter.</summary>
internal static class BenchSpace
{
    /// <summary>The study name on both sides: Hyperband assigns trials to brackets by a hash of (study name, trial number).</summary>
    public const string StudyName = "model-search-bench";

    /// <summary>The shipped dataset searched.</summary>
    public const string TaskName = "mnist10k";

    /// <summary>The demo's space with at most <paramref name="maxEpochs"/> epochs (and at least min(3, max)).</summary>
    public static ModelSpace Create(int maxEpochs)
    {
        var defaults = new ModelSpaceOptions();
        return new ModelSpace(defaults with { MaxEpochs = maxEpochs, MinEpochs = Math.Min(defaults.MinEpochs, maxEpochs) });
    }

    /// <summary>The demo's pruner: Hyperband over epochs 1…max, reduction factor 3.</summary>
    public static HyperbandPruner Pruner(int maxEpochs) =>
        new(new HyperbandPrunerOptions { MinResource = 1, MaxResource = maxEpochs, ReductionFactor = 3 });
}
