namespace Astrolabe;

/// <summary>
/// Estimates how much a study's best value could still improve (Optuna's <c>BaseImprovementEvaluator</c>), in the
/// objective's units or, for evaluators paired with a <see cref="MedianErrorEvaluator"/>, in units of their own. A
/// <see cref="Terminator"/> stops the study when this falls below the <see cref="IErrorEvaluator"/>'s error.
/// </summary>
public interface IImprovementEvaluator
{
    /// <summary>
    /// The room left for improvement given the study's trials (all states; the evaluator picks the Complete ones) and
    /// its single direction; never negative. Throws <see cref="ArgumentException"/> for trials it cannot judge.
    /// </summary>
    double Evaluate(IReadOnlyList<FrozenTrial> trials, StudyDirection direction);
}
