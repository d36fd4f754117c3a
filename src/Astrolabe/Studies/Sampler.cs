namespace Astrolabe;

/// <summary>
/// Chooses parameter values, in Optuna's shape. At the start of a trial the study asks the sampler for
/// a relative search space (parameters it wants to sample jointly) and samples it with
/// <see cref="SampleRelative"/>; every parameter outside that space is sampled alone by
/// <see cref="SampleIndependent"/>. Values are internal representations (category index for categorical
/// distributions). A sampler that reserves work for each new trial (a grid point) also implements
/// <see cref="IReservingSampler"/>. Implementations must be thread-safe: parallel workers share one sampler.
/// </summary>
public abstract class Sampler
{
    private static readonly IReadOnlyDictionary<string, Distribution> NoSpace = new Dictionary<string, Distribution>();
    private static readonly IReadOnlyDictionary<string, double> NoValues = new Dictionary<string, double>();

    /// <summary>The parameters to sample jointly for this trial; empty (the default) for independent samplers.</summary>
    public virtual IReadOnlyDictionary<string, Distribution> InferRelativeSearchSpace(Study study, FrozenTrial trial) => NoSpace;

    /// <summary>Samples the relative search space jointly; returns internal values by name.</summary>
    public virtual IReadOnlyDictionary<string, double> SampleRelative(
        Study study, FrozenTrial trial, IReadOnlyDictionary<string, Distribution> searchSpace) => NoValues;

    /// <summary>Samples one parameter on its own; returns an internal value inside <paramref name="distribution"/>.</summary>
    public abstract double SampleIndependent(Study study, FrozenTrial trial, string name, Distribution distribution);

    /// <summary>Called when a trial starts, before any parameter is sampled.</summary>
    public virtual void BeforeTrial(Study study, FrozenTrial trial)
    {
    }

    /// <summary>Called when a trial ends, before its state is stored.</summary>
    public virtual void AfterTrial(Study study, FrozenTrial trial, TrialState state, IReadOnlyList<double>? values)
    {
    }

    /// <summary>Resets the random state with a new seed (null: from entropy).</summary>
    public virtual void Reseed(int? seed)
    {
    }
}
