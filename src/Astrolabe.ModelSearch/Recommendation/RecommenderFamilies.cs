using Astrolabe.Nn;

namespace Astrolabe.ModelSearch;

/// <summary>The shipped recommendation families: biased matrix factorisation, NeuMF and a two-tower model.</summary>
public static class RecommenderFamilies
{
    /// <summary><c>mf</c>: μ + b_u + b_i + ⟨p_u, q_i⟩ (<see cref="MatrixFactorization"/>).</summary>
    public static IRecommenderFamily Mf { get; } = new MfFamily();

    /// <summary><c>neumf</c>: a GMF branch and an MLP branch, concatenated into one linear output (<see cref="NeuMf"/>).</summary>
    public static IRecommenderFamily NeuMf { get; } = new NeuMfFamily();

    /// <summary><c>twotower</c>: a user tower and an item tower, their outputs' dot product plus biases (<see cref="TwoTower"/>).</summary>
    public static IRecommenderFamily TwoTower { get; } = new TwoTowerFamily();

    /// <summary>All families, in this order: mf, neumf, twotower.</summary>
    public static IReadOnlyList<IRecommenderFamily> All { get; } = [Mf, NeuMf, TwoTower];

    /// <summary>The family named <paramref name="name"/> (case-insensitive).</summary>
    /// <param name="name">A family's name.</param>
    /// <returns>The family.</returns>
    /// <exception cref="ArgumentException">No family has that name.</exception>
    public static IRecommenderFamily Get(string name) =>
        All.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown recommendation family '{name}'; known: {string.Join(", ", All.Select(f => f.Name))}.", nameof(name));

    /// <summary>Draws the hidden widths: <c>{prefix}_layers</c> in [1, max], then <c>{prefix}_width</c> for the first, each next half the previous (at least 4).</summary>
    internal static IReadOnlyList<int> SuggestHidden(Trial trial, string prefix, RecommenderSpaceOptions o)
    {
        int layers = Draw.Int(trial, $"{prefix}_layers", 1, o.MaxHiddenLayers);
        int width = Draw.Choose(trial, $"{prefix}_width", o.HiddenWidths);
        var hidden = new int[layers];
        for (int l = 0; l < layers; l++)
        {
            hidden[l] = Math.Max(4, width >> l);
        }

        return hidden;
    }

    private sealed class MfFamily : IRecommenderFamily
    {
        public string Name => "mf";

        public RecommenderConfig SuggestStructure(Trial trial, RecommenderSpaceOptions options, RecommenderConfig config) =>
            config with { Factors = Draw.Choose(trial, "mf_factors", options.Factors), Hidden = [], Dropout = 0 };

        public RecommenderNetwork Build(RecommenderConfig config, int users, int items, float globalMean, Rng rng) =>
            new MatrixFactorization(users, items, config.Factors, globalMean, rng);

        public string DescribeStructure(RecommenderConfig config) => $"mf {config.Factors} factors";
    }

    private sealed class NeuMfFamily : IRecommenderFamily
    {
        public string Name => "neumf";

        public RecommenderConfig SuggestStructure(Trial trial, RecommenderSpaceOptions options, RecommenderConfig config) => config with
        {
            Factors = Draw.Choose(trial, "neumf_factors", options.Factors),
            Hidden = SuggestHidden(trial, "neumf_mlp", options),
            Dropout = options.MaxDropout > 0 ? trial.SuggestFloat("neumf_dropout", 0, options.MaxDropout) : 0,
        };

        public RecommenderNetwork Build(RecommenderConfig config, int users, int items, float globalMean, Rng rng) =>
            new NeuMf(users, items, config.Factors, config.Hidden, (float)config.Dropout, globalMean, rng);

        public string DescribeStructure(RecommenderConfig config) => $"neumf {config.Factors} factors, MLP {string.Join('-', config.Hidden)}";
    }

    private sealed class TwoTowerFamily : IRecommenderFamily
    {
        public string Name => "twotower";

        public RecommenderConfig SuggestStructure(Trial trial, RecommenderSpaceOptions options, RecommenderConfig config) => config with
        {
            Factors = Draw.Choose(trial, "twotower_factors", options.Factors),
            Hidden = SuggestHidden(trial, "twotower_tower", options),
            Dropout = options.MaxDropout > 0 ? trial.SuggestFloat("twotower_dropout", 0, options.MaxDropout) : 0,
        };

        public RecommenderNetwork Build(RecommenderConfig config, int users, int items, float globalMean, Rng rng) =>
            new TwoTower(users, items, config.Factors, config.Hidden, (float)config.Dropout, globalMean, rng);

        public string DescribeStructure(RecommenderConfig config) => $"twotower {config.Factors} factors, towers {string.Join('-', config.Hidden)}";
    }
}
