namespace Astrolabe;

/// <summary>
/// Judges how much each parameter of a study matters to a target (Optuna's <c>BaseImportanceEvaluator</c>). An
/// evaluator sees the trials <see cref="ParamImportances"/> prepared (Complete, finite target, every parameter asked
/// for present, each varying) and returns one non-negative score per parameter; <see cref="ParamImportances"/>
/// normalises the scores to sum to 1 and sorts them. Implementations: <see cref="FanovaImportanceEvaluator"/> (the
/// default), <see cref="PedAnovaImportanceEvaluator"/>, <see cref="MeanDecreaseImpurityImportanceEvaluator"/>.
/// </summary>
public interface IImportanceEvaluator
{
    /// <summary>
    /// One non-negative, finite score for every parameter of <see cref="ImportanceData.Parameters"/> (larger: more
    /// important), not necessarily summing to 1.
    /// </summary>
    IReadOnlyDictionary<string, double> Evaluate(ImportanceData data);
}
