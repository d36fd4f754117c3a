namespace Astrolabe;

/// <summary>
/// What TPE reads from one trial, as Optuna ranks it: <see cref="Step"/> orders first (−∞ for complete
/// trials, −last step for pruned ones, 1 for pruned trials without intermediate values and for every pruned trial
/// of a multi-objective study, whose values are then all +∞; +∞ for running ones under the constant liar), then
/// <see cref="Values"/> (minimised: maximised objectives are negated).
/// </summary>
/// <param name="Step">The first sort key.</param>
/// <param name="Values">The objective values, turned into minimisation.</param>
/// <param name="Violation">The sum of positive constraint values (0 when feasible, +∞ when unknown).</param>
/// <param name="Trial">The trial (its internal parameters and distributions).</param>
internal sealed record Observation(double Step, double[] Values, double Violation, FrozenTrial Trial)
{
    /// <summary>The trial's place among the study's finished trials in <see cref="ParameterColumns"/>; −1 when not registered (running trials).</summary>
    public int Ordinal { get; init; } = -1;

    /// <summary>True for a complete trial.</summary>
    public bool IsComplete => double.IsNegativeInfinity(Step);

    /// <summary>True for a running trial taken in by the constant liar.</summary>
    public bool IsRunning => double.IsPositiveInfinity(Step);

    /// <summary>Reads a trial, or returns null when TPE ignores it (failed, or running in a multi-objective study).</summary>
    public static Observation? From(FrozenTrial trial, IReadOnlyList<StudyDirection> directions, bool constraints)
    {
        bool multi = directions.Count > 1;
        double sign = directions[0] == StudyDirection.Minimize ? 1 : -1;
        double step;
        double[] values;
        switch (trial.State)
        {
            case TrialState.Complete when trial.Values is { } v:
                step = double.NegativeInfinity;
                values = new double[v.Count];
                for (int i = 0; i < v.Count; i++)
                {
                    values[i] = directions[i] == StudyDirection.Minimize ? v[i] : -v[i];
                }

                break;
            case TrialState.Pruned when multi:
                // As Optuna 4 does: after every complete trial, all alike. Ignoring them (Optuna 3.1) lets a sampler
                // that a pruner keeps stopping propose the same region again and again.
                (step, values) = (1, [.. Enumerable.Repeat(double.PositiveInfinity, directions.Count)]);
                break;
            case TrialState.Pruned:
                if (trial.LastStep is { } last)
                {
                    double iv = trial.IntermediateValues[last];
                    (step, values) = (-last, [double.IsNaN(iv) ? double.PositiveInfinity : sign * iv]);
                }
                else
                {
                    (step, values) = (1, [0.0]);
                }

                break;
            case TrialState.Running when !multi:
                (step, values) = (double.PositiveInfinity, [double.PositiveInfinity]);
                break;
            default:
                return null;
        }

        double violation = constraints && trial.State != TrialState.Running ? ViolationOf(trial) : double.PositiveInfinity;
        return new Observation(step, values, constraints ? violation : 0, trial);
    }

    private static double ViolationOf(FrozenTrial trial)
    {
        if (ConstraintValues.Read(trial) is not { } values)
        {
            return double.PositiveInfinity;
        }

        double violation = 0;
        foreach (double c in values)
        {
            violation += c > 0 ? c : 0;
        }

        return violation;
    }
}
