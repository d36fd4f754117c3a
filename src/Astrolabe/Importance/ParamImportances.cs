namespace Astrolabe;

/// <summary>
/// Hyperparameter importances (Optuna's <c>get_param_importances</c> with <c>normalize=True</c>): how much of a
/// target's variation over a study's Complete trials each parameter explains, as non-negative fractions summing to 1,
/// the most important first (the returned dictionary enumerates in that order; ties by name).
/// </summary>
/// <remarks>
/// <para>Which parameters: without <c>params</c>, those every Complete trial has with the same distribution (Optuna's
/// intersection search space, so conditional parameters are left out); with <c>params</c>, exactly those, over the
/// Complete trials that have all of them (their distribution must be the same in each).</para>
/// <para>Which trials: Complete ones whose target is finite; a trial with an infinite target is left out (as Optuna
/// does), a NaN target is an error naming the trial. At least two trials must remain.</para>
/// <para>A parameter that takes one value over those trials (a single-valued distribution, or every trial the same)
/// cannot explain anything: it gets importance 0 and is listed last, without being shown to the evaluator.</para>
/// <para>Errors (all <see cref="ArgumentException"/>, one clear message): fewer than two such trials; a name in
/// <c>params</c> no Complete trial has; an empty <c>params</c>; no parameter common to the Complete trials; no
/// parameter varying; a target equal in every trial; several objectives and no target.</para>
/// </remarks>
public static class ParamImportances
{
    /// <summary>The importances of <paramref name="study"/>'s parameters; see the type's remarks.</summary>
    /// <param name="study">The study whose Complete trials are judged.</param>
    /// <param name="evaluator">The method; a <see cref="FanovaImportanceEvaluator"/> when null.</param>
    /// <param name="params">The parameters to judge; the intersection search space when null.</param>
    /// <param name="target">What to explain; the objective when null (required for several objectives).</param>
    public static IReadOnlyDictionary<string, double> Get(Study study, IImportanceEvaluator? evaluator = null,
        IReadOnlyCollection<string>? @params = null, ImportanceTarget? target = null)
    {
        ArgumentNullException.ThrowIfNull(study);
        return FromTrials(study.GetTrials(TrialState.Complete), study.Directions, evaluator, @params, target);
    }

    /// <summary>The importances over a study's trials (any states; only Complete ones count) and directions; see the type's remarks.</summary>
    public static IReadOnlyDictionary<string, double> FromTrials(IReadOnlyList<FrozenTrial> trials, IReadOnlyList<StudyDirection> directions,
        IImportanceEvaluator? evaluator = null, IReadOnlyCollection<string>? @params = null, ImportanceTarget? target = null)
    {
        var prepared = ImportanceInput.Prepare(trials, directions, @params, target);
        evaluator ??= new FanovaImportanceEvaluator();
        var raw = prepared.Data.Parameters.Count == 0 ? new Dictionary<string, double>() : evaluator.Evaluate(prepared.Data);
        return Normalize(prepared.Data.Parameters, raw, prepared.Constant, evaluator);
    }

    private static OrderedDictionary<string, double> Normalize(IReadOnlyList<string> scored, IReadOnlyDictionary<string, double> raw,
        IReadOnlyList<string> constant, IImportanceEvaluator evaluator)
    {
        double sum = 0;
        foreach (string name in scored)
        {
            if (!raw.TryGetValue(name, out double score) || !double.IsFinite(score) || score < 0)
            {
                throw new InvalidOperationException($"{evaluator.GetType().Name} gave no non-negative finite score for '{name}'.");
            }

            sum += score;
        }

        // A zero sum means no parameter explains anything the evaluator can see: spread evenly, as Optuna does.
        var ordered = scored
            .Select(name => (Name: name, Value: sum > 0 ? raw[name] / sum : 1.0 / scored.Count))
            .OrderByDescending(p => p.Value)
            .ThenBy(p => p.Name, StringComparer.Ordinal)
            .Concat(constant.Select(name => (Name: name, Value: 0.0)));
        var result = new OrderedDictionary<string, double>();
        foreach (var (name, value) in ordered)
        {
            result[name] = value;
        }

        return result;
    }
}
