namespace Astrolabe;

/// <summary>What a <see cref="Terminator"/> compares, and from when on.</summary>
public sealed record TerminatorOptions
{
    /// <summary>The room for improvement; null for a <see cref="RegretBoundEvaluator"/> (Optuna's default).</summary>
    public IImprovementEvaluator? ImprovementEvaluator { get; init; }

    /// <summary>
    /// The statistical error; null for a <see cref="CrossValidationErrorEvaluator"/> (Optuna's default, which needs the
    /// objective to report its scores), or a <see cref="StaticErrorEvaluator"/> of 0 when the improvement evaluator is a
    /// <see cref="BestValueStagnationEvaluator"/> (as Optuna pairs them).
    /// </summary>
    public IErrorEvaluator? ErrorEvaluator { get; init; }

    /// <summary>The fewest Complete trials before the terminator judges at all (default 20, Optuna's); at least 1.</summary>
    public int MinNTrials { get; init; } = 20;

    internal void Validate()
    {
        if (MinNTrials < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MinNTrials), MinNTrials, "The minimum number of trials must be at least 1.");
        }
    }
}
