using Microsoft.Extensions.Logging;

namespace Astrolabe;

/// <summary>
/// CMA-ES, in the shape of Optuna's <c>CmaEsSampler</c>: the numeric parameters common to every finished trial
/// are sampled jointly from the evolution's Gaussian, in a space where each spans [0, 1] (log-scaled ones in
/// log space); categorical parameters, and everything before <see cref="CmaEsSamplerOptions.NStartupTrials"/>
/// trials have finished, go to the independent sampler (with a warning logged once).
/// <para>
/// Variants: full covariance (default), separable, with margin for integer and stepped parameters, with
/// learning-rate adaptation; IPOP and BIPOP restarts; warm start from an earlier study's trials.
/// </para>
/// <para>
/// Parallel workers and resumed studies: a generation's individuals are fixed by the run's seed and their index,
/// which each trial reserves through the storage's study counter; a trial records its restart, generation,
/// individual index and raw point as system attributes. When popsize trials of the current generation have
/// finished, the first worker to notice tells them to the evolution and stores the new state as a study system
/// attribute, so other workers, processes and later runs continue the same evolution.
/// </para>
/// Single-objective studies only.
/// </summary>
public sealed partial class CmaEsSampler : Sampler
{
    private readonly Lock gate = new();
    private readonly CmaEsSamplerOptions options;
    private readonly Sampler independent;
    private readonly SolutionIndex index;
    private readonly Dictionary<long, List<FrozenTrial>> pending = [];
    private int seed;
    private bool warnedIndependent;
    private bool warnedCategorical;
    private bool warnedSpace;

    /// <summary>Creates the sampler; throws <see cref="ArgumentException"/> for invalid options.</summary>
    public CmaEsSampler(CmaEsSamplerOptions? options = null)
    {
        this.options = options ?? new CmaEsSamplerOptions();
        this.options.Validate();
        seed = this.options.Seed ?? Random.Shared.Next();
        independent = this.options.IndependentSampler ?? new RandomSampler(new RandomSamplerOptions { Seed = seed });
        index = new SolutionIndex(RestartKey, GenerationKey);
    }

    /// <summary>The prefix of this variant's attribute keys: "cma:", "sepcma:" or "cmawm:".</summary>
    public string AttrPrefix => options.UseSeparableCma ? "sepcma:" : options.WithMargin ? "cmawm:" : "cma:";

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, Distribution> InferRelativeSearchSpace(Study study, FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        RequireSingleObjective(study);
        var solutions = SolutionTrials(study);
        IReadOnlyDictionary<string, Distribution>? space;
        lock (gate)
        {
            index.Update(study, solutions);
            space = index.Space is null ? null : new Dictionary<string, Distribution>(index.Space);
        }

        bool categorical = false;
        var result = new Dictionary<string, Distribution>();
        foreach (var (name, distribution) in space ?? new Dictionary<string, Distribution>())
        {
            categorical |= distribution is CategoricalDistribution;
            if (distribution is FloatDistribution or IntDistribution && !distribution.IsSingle)
            {
                result[name] = distribution;
            }
        }

        if (categorical)
        {
            WarnOnce(study, ref warnedCategorical,
                "CmaEsSampler does not sample categorical parameters; they are sampled by {Sampler}. Set WarnIndependentSampling = false to silence this warning.",
                independent.GetType().Name);
        }

        if (result.Count >= 2)
        {
            // Handed to SampleRelative, which the study calls next for this trial: one storage read per trial.
            lock (gate)
            {
                pending[trial.TrialId] = solutions;
            }
        }

        return result;
    }

    /// <inheritdoc />
    public override double SampleIndependent(Study study, FrozenTrial trial, string name, Distribution distribution)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        RequireSingleObjective(study);
        if (!warnedIndependent && options.WarnIndependentSampling && distribution is not CategoricalDistribution
            && SolutionTrials(study).Count >= Math.Max(1, options.NStartupTrials))
        {
            WarnOnce(study, ref warnedIndependent,
                "CmaEsSampler samples parameter '{Name}' of trial {Number} with {Sampler} (it is not in every finished trial, or the space has fewer than two numeric parameters). This warning is logged once; set WarnIndependentSampling = false to silence it.",
                name, trial.Number, independent.GetType().Name);
        }

        return independent.SampleIndependent(study, trial, name, distribution);
    }

    /// <inheritdoc />
    public override void Reseed(int? seed)
    {
        lock (gate)
        {
            this.seed = seed ?? Random.Shared.Next();
            cached = null;
        }

        independent.Reseed(seed);
    }

    private static void RequireSingleObjective(Study study)
    {
        if (study.Directions.Count != 1)
        {
            throw new InvalidOperationException($"CmaEsSampler supports single-objective studies only; study '{study.StudyName}' has {study.Directions.Count} objectives.");
        }
    }

    /// <summary>The finished trials that count as solutions (Complete, and Pruned ones with a value when asked), in number order.</summary>
    private List<FrozenTrial> SolutionTrials(Study study)
    {
        var all = study.Trials;
        var result = new List<FrozenTrial>(all.Count);
        foreach (var t in all)
        {
            if ((t.State == TrialState.Complete || (options.ConsiderPrunedTrials && t.State == TrialState.Pruned)) && t.Values is { Count: 1 })
            {
                result.Add(t);
            }
        }

        return result;
    }

    /// <summary>The solutions fetched for this trial's search space, or fetched now (one storage read per trial).</summary>
    private List<FrozenTrial> TakeSolutionTrials(Study study, FrozenTrial trial)
    {
        lock (gate)
        {
            if (pending.Remove(trial.TrialId, out var list))
            {
                return list;
            }
        }

        return SolutionTrials(study);
    }

    private void WarnOnce(Study study, ref bool flag, string message, params object?[] args)
    {
        lock (gate)
        {
            if (flag || !options.WarnIndependentSampling)
            {
                return;
            }

            flag = true;
        }

#pragma warning disable CA2254 // the templates are the constant strings above
        study.Logger.LogWarning(message, args);
#pragma warning restore CA2254
    }
}
