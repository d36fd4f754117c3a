namespace Astrolabe.Optim;

/// <summary>Factories of the usual penalties.</summary>
public static class Penalties
{
    /// <summary>The lasso penalty <c>λ·Σ|w|</c>.</summary>
    public static ElasticNetPenalty L1(double lambda, Func<Parameter, bool>? appliesTo = null) => new(lambda, 0, appliesTo);

    /// <summary>The ridge penalty <c>(λ/2)·Σw²</c> (gradient λ·w, the same as weight decay λ).</summary>
    public static ElasticNetPenalty L2(double lambda, Func<Parameter, bool>? appliesTo = null) => new(0, lambda, appliesTo);

    /// <summary>The elastic net <c>λ1·Σ|w| + (λ2/2)·Σw²</c>.</summary>
    public static ElasticNetPenalty ElasticNet(double l1, double l2, Func<Parameter, bool>? appliesTo = null) => new(l1, l2, appliesTo);
}
