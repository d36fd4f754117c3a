namespace Astrolabe;

/// <summary>
/// An error that is always the same constant (Optuna's <c>StaticErrorEvaluator</c>): the <see cref="Terminator"/> then
/// stops the study once the room for improvement falls below a threshold the user chose, in the improvement
/// evaluator's units.
/// </summary>
public sealed class StaticErrorEvaluator : IErrorEvaluator
{
    /// <summary>Creates the evaluator; throws <see cref="ArgumentOutOfRangeException"/> for NaN.</summary>
    public StaticErrorEvaluator(double constant)
    {
        if (double.IsNaN(constant))
        {
            throw new ArgumentOutOfRangeException(nameof(constant), constant, "The constant error must be a number.");
        }

        Constant = constant;
    }

    /// <summary>The error returned for every study.</summary>
    public double Constant { get; }

    /// <summary>Returns <see cref="Constant"/>.</summary>
    public double Evaluate(IReadOnlyList<FrozenTrial> trials, StudyDirection direction) => Constant;
}
