using System.Globalization;

namespace Astrolabe;

/// <summary>
/// The constraint values of trials, as Optuna keeps them: a sampler's constraints function is called when a trial
/// finishes and its values (feasible when every one is ≤ 0) are stored as the trial's system attribute
/// <see cref="Key"/>, so every worker and every later run reads the same values. Shared by the samplers that take
/// constraints into account (TPE, GP).
/// </summary>
internal static class TrialConstraints
{
    /// <summary>The system attribute under which constraint values are stored (Optuna's name).</summary>
    public const string Key = "constraints";

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
        if (result.Any(double.IsNaN))
        {
            throw new InvalidOperationException($"Constraint values cannot be NaN; trial {trial.Number} got [{string.Join(", ", result)}].");
        }

        study.Storage.SetTrialSystemAttr(trial.TrialId, Key, result.ToArray());
    }

    /// <summary>The stored constraint values of a trial, or null when it has none.</summary>
    public static double[]? Read(FrozenTrial trial)
    {
        if (!trial.SystemAttrs.TryGetValue(Key, out var stored) || stored is not System.Collections.IEnumerable items || stored is string)
        {
            return null;
        }

        var result = new List<double>();
        foreach (object? item in items)
        {
            result.Add(Convert.ToDouble(item, CultureInfo.InvariantCulture));
        }

        return [.. result];
    }
}
