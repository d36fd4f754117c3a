using System.Globalization;

namespace Astrolabe;

/// <summary>
/// The constraint values of trials, as Optuna keeps them: a sampler's constraints function is called when a trial
/// finishes and its values (feasible when every one is ≤ 0) are stored as the trial's system attribute
/// <see cref="Key"/>, so every worker and every later run reads the same values. Used by <see cref="Trial.SetConstraints"/> and the samplers that take
/// constraints into account (TPE, GP).
/// </summary>
internal static class TrialConstraints
{
    /// <summary>The system attribute under which constraint values are stored (Optuna's name).</summary>
    public const string Key = ConstraintValues.Key;

    /// <summary>The study system attribute that holds how many constraint values each trial has.</summary>
    public const string CountKey = "constraints:count";

    /// <summary>
    /// Calls <paramref name="constraints"/> on a trial that finishes complete or pruned and stores its values; throws
    /// <see cref="InvalidOperationException"/> for a null result or a NaN value (nothing is stored then).
    /// </summary>
    public static void Store(Study study, FrozenTrial trial, TrialState state, IReadOnlyList<double>? values, Func<FrozenTrial, IReadOnlyList<double>> constraints)
    {
        if (state is not (TrialState.Complete or TrialState.Pruned))
        {
            return;
        }

        var result = constraints(trial with { State = state, Values = values })
            ?? throw new InvalidOperationException("The constraints function returned null.");
        Set(study, trial.TrialId, trial.Number, result);
    }

    /// <summary>
    /// Stores a trial's constraint values after checking them: at least one, none NaN, and as many as the study's
    /// earlier trials had (the count is kept as the study's system attribute <see cref="CountKey"/>). Throws
    /// <see cref="InvalidOperationException"/> otherwise; nothing is stored then.
    /// </summary>
    public static void Set(Study study, long trialId, int number, IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            throw new InvalidOperationException($"Trial {number} got no constraint values; give at least one (≤ 0 means satisfied).");
        }

        if (values.Any(double.IsNaN))
        {
            throw new InvalidOperationException($"Constraint values cannot be NaN; trial {number} got [{string.Join(", ", values)}].");
        }

        if (study.Storage.GetStudySystemAttrs(study.StudyId).TryGetValue(CountKey, out var stored) && stored is not null)
        {
            long count = Convert.ToInt64(stored, CultureInfo.InvariantCulture);
            if (count != values.Count)
            {
                throw new InvalidOperationException($"Trial {number} got {values.Count} constraint values; the study's earlier trials had {count}.");
            }
        }
        else
        {
            study.Storage.SetStudySystemAttr(study.StudyId, CountKey, (long)values.Count);
        }

        study.Storage.SetTrialSystemAttr(trialId, Key, values.ToArray());
    }
}
