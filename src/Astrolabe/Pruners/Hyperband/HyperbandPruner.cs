using System.Collections.Concurrent;

namespace Astrolabe;

/// <summary>
/// Hyperband (Li et al.) as Optuna's <c>HyperbandPruner</c>: several successive-halving brackets that trade
/// the number of trials against the steps each may run. Every trial belongs to one bracket, chosen
/// deterministically from the study name and the trial number; each bracket is its own
/// <see cref="SuccessiveHalvingPruner"/> that compares the trial only with trials of the same bracket.
/// <para>
/// Samplers that learn from past trials (TPE) learn only from the trial's bracket, as Optuna's do: they ask
/// <see cref="Pruner.FilterHistory"/>, which this pruner narrows to <see cref="TrialsInSameBracket"/>.
/// With an "auto" MaxResource the brackets are unknown until a trial is Complete; until then every trial is
/// in bracket 0 and nothing is pruned.
/// </para>
/// </summary>
public sealed class HyperbandPruner : Pruner
{
    /// <summary>The study system attribute holding the "auto" MaxResource once estimated.</summary>
    public const string MaxResourceAttr = "hyperband:max_resource";

    private readonly int minResource;
    private readonly int? maxResource;
    private readonly int reductionFactor;
    private readonly int bootstrapCount;
    private readonly PersistedEstimate autoMaxResource = new(MaxResourceAttr);
    private readonly ConcurrentDictionary<long, Brackets> byMaxResource = new();

    /// <summary>Creates the pruner (Optuna's defaults when <paramref name="options"/> is null).</summary>
    public HyperbandPruner(HyperbandPrunerOptions? options = null)
    {
        options ??= new HyperbandPrunerOptions();
        options.Validate();
        (minResource, maxResource, reductionFactor, bootstrapCount) =
            (options.MinResource, options.MaxResource, options.ReductionFactor, options.BootstrapCount);
    }

    /// <inheritdoc />
    public override bool Prune(Study study, FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        if (GetBrackets(study) is not { } brackets)
        {
            return false;
        }

        int bracket = brackets.BracketOf(study.StudyName, trial.Number);
        return brackets.Pruner(bracket).Prune(study, trial, () => InBracket(brackets, study.StudyName, bracket, study.Trials));
    }

    /// <summary>The number of brackets of this study, or null while an "auto" MaxResource is not known yet.</summary>
    public int? BracketCount(Study study) => GetBrackets(study)?.Count;

    /// <summary>The bracket of <paramref name="trial"/> (0 while the brackets are not known yet).</summary>
    public int BracketOf(Study study, FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        return GetBrackets(study)?.BracketOf(study.StudyName, trial.Number) ?? 0;
    }

    /// <summary>
    /// The members of <paramref name="trials"/> in the same bracket as <paramref name="trial"/>, in their order:
    /// what a sampler should learn from when sampling <paramref name="trial"/>. All of them while the brackets
    /// are not known yet. With an "auto" MaxResource the first call after a trial completes stores the estimate
    /// in the study, as a pruning decision would.
    /// </summary>
    public IReadOnlyList<FrozenTrial> TrialsInSameBracket(Study study, FrozenTrial trial, IReadOnlyList<FrozenTrial> trials)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(trials);
        if (GetBrackets(study) is not { } brackets)
        {
            return trials;
        }

        return InBracket(brackets, study.StudyName, brackets.BracketOf(study.StudyName, trial.Number), trials);
    }

    /// <summary>The members of <paramref name="trials"/> in <paramref name="trial"/>'s bracket: <see cref="TrialsInSameBracket"/>.</summary>
    public override IReadOnlyList<FrozenTrial> FilterHistory(Study study, FrozenTrial trial, IReadOnlyList<FrozenTrial> trials) =>
        TrialsInSameBracket(study, trial, trials);

    private static List<FrozenTrial> InBracket(Brackets brackets, string studyName, int bracket, IReadOnlyList<FrozenTrial> trials) =>
        trials.Where(t => brackets.BracketOf(studyName, t.Number) == bracket).ToList();

    private Brackets? GetBrackets(Study study)
    {
        long? max = maxResource ?? autoMaxResource.Get(study, () => EstimateMaxResource(study));
        return max is { } m ? byMaxResource.GetOrAdd(m, key => new Brackets(minResource, key, reductionFactor, bootstrapCount)) : null;
    }

    private static long? EstimateMaxResource(Study study)
    {
        long? last = study.GetTrials(TrialState.Complete).Where(t => t.LastStep is not null).Max(t => t.LastStep);
        return last + 1;
    }
}
