namespace Astrolabe;

/// <summary>Options of <see cref="TpeSampler"/>; names and defaults follow Optuna's <c>TPESampler</c>.</summary>
public sealed record TpeSamplerOptions
{
    /// <summary>The seed; the same seed gives the same sequence of parameters in a sequential study.</summary>
    public int? Seed { get; init; }

    /// <summary>How many finished trials are sampled at random before the estimators take over (default 10).</summary>
    public int NStartupTrials { get; init; } = 10;

    /// <summary>How many candidates are drawn from the "good" estimator to pick the best ratio from (default 24).</summary>
    public int NEiCandidates { get; init; } = 24;

    /// <summary>How many of n finished trials count as "good"; default <see cref="DefaultGamma"/>.</summary>
    public Func<int, int> Gamma { get; init; } = DefaultGamma;

    /// <summary>The weights of n observations, oldest first; default <see cref="DefaultWeights"/>.</summary>
    public Func<int, double[]> Weights { get; init; } = DefaultWeights;

    /// <summary>Whether a prior kernel (centre of the range, the whole range as bandwidth) joins each estimator (default true).</summary>
    public bool ConsiderPrior { get; init; } = true;

    /// <summary>The weight of the prior kernel, and the smoothing of categorical kernels (default 1).</summary>
    public double PriorWeight { get; init; } = 1.0;

    /// <summary>Whether kernel bandwidths are floored at range / min(100, kernels) (default true).</summary>
    public bool ConsiderMagicClip { get; init; } = true;

    /// <summary>Whether the outermost kernels take the range ends as neighbours when choosing bandwidths (default false).</summary>
    public bool ConsiderEndpoints { get; init; }

    /// <summary>Whether the parameters present in every finished trial are sampled jointly (default false).</summary>
    public bool Multivariate { get; init; }

    /// <summary>
    /// With <see cref="Multivariate"/>: how the joint estimators are built (default
    /// <see cref="TpeMultivariateKernels.Adaptive"/>; <see cref="TpeMultivariateKernels.Optuna31"/> reproduces
    /// Optuna 3.1). Without it the estimators are always Optuna 3.1's univariate ones.
    /// </summary>
    public TpeMultivariateKernels MultivariateKernels { get; init; } = TpeMultivariateKernels.Adaptive;

    /// <summary>Whether the adaptive joint estimators are in use (multivariate with <see cref="TpeMultivariateKernels.Adaptive"/>).</summary>
    internal bool AdaptiveKernels => Multivariate && MultivariateKernels == TpeMultivariateKernels.Adaptive;

    /// <summary>
    /// With <see cref="Multivariate"/>: splits the space into groups of parameters that always appear
    /// together and samples each group jointly, so conditional spaces are sampled jointly too (default false).
    /// </summary>
    public bool Group { get; init; }

    /// <summary>
    /// Whether running trials count as the worst observations, so parallel workers spread out
    /// (single-objective studies; default false).
    /// </summary>
    public bool ConstantLiar { get; init; }

    /// <summary>
    /// Constraint values of a finished trial (feasible when every value is ≤ 0), evaluated when a trial
    /// completes or is pruned and stored in its system attribute <c>constraints</c>. Infeasible trials never
    /// count as good while enough feasible ones exist.
    /// </summary>
    public Func<FrozenTrial, IReadOnlyList<double>>? ConstraintsFunc { get; init; }

    /// <summary>Optuna's default split: min(⌈0.1 n⌉, 25) good trials out of n.</summary>
    public static int DefaultGamma(int n) => Math.Min((int)Math.Ceiling(0.1 * n), 25);

    /// <summary>hyperopt's split: min(⌈0.25 √n⌉, 25).</summary>
    public static int HyperoptDefaultGamma(int n) => Math.Min((int)Math.Ceiling(0.25 * Math.Sqrt(n)), 25);

    /// <summary>Optuna's default weights: all ones below 25 observations, else a ramp from 1/n to 1 then 25 ones.</summary>
    public static double[] DefaultWeights(int n)
    {
        var w = new double[n];
        if (n < 25)
        {
            Array.Fill(w, 1.0);
            return w;
        }

        int ramp = n - 25;
        for (int i = 0; i < ramp; i++)
        {
            w[i] = ramp == 1 ? 1.0 / n : (1.0 / n) + ((1.0 - (1.0 / n)) * i / (ramp - 1));
        }

        Array.Fill(w, 1.0, ramp, 25);
        return w;
    }

    internal void Validate()
    {
        if (NStartupTrials < 0)
        {
            throw new ArgumentException($"NStartupTrials must be non-negative, got {NStartupTrials}.");
        }

        if (NEiCandidates < 1)
        {
            throw new ArgumentException($"NEiCandidates must be at least 1, got {NEiCandidates}.");
        }

        if (!double.IsFinite(PriorWeight) || PriorWeight <= 0)
        {
            throw new ArgumentException($"PriorWeight must be a positive finite number, got {PriorWeight}.");
        }

        if (!Enum.IsDefined(MultivariateKernels))
        {
            throw new ArgumentException($"MultivariateKernels must be Adaptive or Optuna31, got {(int)MultivariateKernels}.");
        }

        if (Group && !Multivariate)
        {
            throw new ArgumentException("The Group option can only be enabled together with Multivariate.");
        }

        ArgumentNullException.ThrowIfNull(Gamma);
        ArgumentNullException.ThrowIfNull(Weights);
    }
}
