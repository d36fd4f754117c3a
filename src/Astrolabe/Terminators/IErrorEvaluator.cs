namespace Astrolabe;

/// <summary>
/// Estimates the statistical error of a study's objective (Optuna's <c>BaseErrorEvaluator</c>): an improvement
/// smaller than this cannot be told apart from noise, so a <see cref="Terminator"/> stops the study when the
/// <see cref="IImprovementEvaluator"/>'s estimate falls below it.
/// </summary>
public interface IErrorEvaluator
{
    /// <summary>The error given the study's trials (all states) and its single direction.</summary>
    double Evaluate(IReadOnlyList<FrozenTrial> trials, StudyDirection direction);
}
