namespace Astrolabe.ModelSearch;

/// <summary>
/// The permutation importance of one feature group: the score drop of each repeat (baseline score minus the score
/// with the group permuted, for accuracy; the permuted RMSE minus the baseline's, for regression; so positive means
/// the model relies on it) and their mean and standard deviation (population, as NumPy's <c>std</c> and
/// scikit-learn's <c>importances_std</c>).
/// </summary>
/// <param name="Group">The features permuted together.</param>
/// <param name="Mean">The mean score drop.</param>
/// <param name="Std">The standard deviation of the drops.</param>
/// <param name="Drops">The drop of each repeat.</param>
public sealed record FeatureImportance(FeatureGroup Group, double Mean, double Std, double[] Drops);

/// <summary>The result of <see cref="PermutationImportance.Compute"/>.</summary>
/// <param name="MetricName">"accuracy" or "rmse".</param>
/// <param name="BaselineScore">The score on the unpermuted rows.</param>
/// <param name="Rows">The rows scored.</param>
/// <param name="Features">One entry per group, in the order of the groups.</param>
public sealed record PermutationImportanceResult(string MetricName, double BaselineScore, int Rows, IReadOnlyList<FeatureImportance> Features)
{
    /// <summary>The groups by decreasing mean drop (ties in group order).</summary>
    /// <returns>The ranking.</returns>
    public IReadOnlyList<FeatureImportance> Ranked() => [.. Features.OrderByDescending(f => f.Mean)];
}
