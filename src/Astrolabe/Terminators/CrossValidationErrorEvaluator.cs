using System.Collections;
using System.Globalization;

namespace Astrolabe;

/// <summary>
/// The statistical error of an objective that is the mean of k cross-validation scores (Optuna's
/// <c>CrossValidationErrorEvaluator</c>): the standard deviation √((1/k + 1/(k − 1)) · s²) of the best Complete
/// trial's scores, s² their variance (over k; the factor is Nadeau and Bengio's correction for overlapping training
/// folds). The scores are those the objective reported with <see cref="ReportCrossValidationScores"/>.
/// </summary>
public sealed class CrossValidationErrorEvaluator : IErrorEvaluator
{
    /// <summary>The trial system attribute holding the scores (Optuna's key).</summary>
    public const string ScoresKey = "terminator:cv_scores";

    /// <summary>
    /// Stores a trial's cross-validation scores (at least two, all finite) for this evaluator; call it from the
    /// objective. Throws <see cref="ArgumentException"/> for fewer than two scores or a non-finite one.
    /// </summary>
    public static void ReportCrossValidationScores(Trial trial, IReadOnlyList<double> scores)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(scores);
        if (scores.Count < 2)
        {
            throw new ArgumentException($"Cross-validation needs at least 2 scores; got {scores.Count}.", nameof(scores));
        }

        foreach (double score in scores)
        {
            if (!double.IsFinite(score))
            {
                throw new ArgumentException($"Cross-validation scores must be finite; got {score}.", nameof(scores));
            }
        }

        trial.SetSystemAttr(ScoresKey, scores.ToList());
    }

    /// <summary>
    /// The error of the best Complete trial. Throws <see cref="ArgumentException"/> when no trial is Complete, for a
    /// multi-objective study, or when the best trial has no scores reported.
    /// </summary>
    public double Evaluate(IReadOnlyList<FrozenTrial> trials, StudyDirection direction)
    {
        ArgumentNullException.ThrowIfNull(trials);
        var complete = trials.Where(t => t.State == TrialState.Complete).ToList();
        if (complete.Count == 0)
        {
            throw new ArgumentException("The cross-validation error needs a Complete trial; the study has none.", nameof(trials));
        }

        if (complete.FirstOrDefault(t => t.Values is not { Count: 1 }) is { } multi)
        {
            throw new ArgumentException($"The cross-validation error supports single-objective studies only; trial {multi.Number} has {multi.Values?.Count ?? 0} values.", nameof(trials));
        }

        var best = direction == StudyDirection.Maximize ? complete.MaxBy(t => t.Values![0])! : complete.MinBy(t => t.Values![0])!;
        if (!best.SystemAttrs.TryGetValue(ScoresKey, out var stored) || stored is not IEnumerable list || stored is string)
        {
            throw new ArgumentException(
                $"The best trial ({best.Number}) has no cross-validation scores: call CrossValidationErrorEvaluator.ReportCrossValidationScores(trial, scores) in the objective.",
                nameof(trials));
        }

        var scores = list.Cast<object?>().Select(s => Convert.ToDouble(s, CultureInfo.InvariantCulture)).ToArray();
        if (scores.Length < 2)
        {
            throw new ArgumentException($"The best trial ({best.Number}) has {scores.Length} cross-validation scores; at least 2 are needed.", nameof(trials));
        }

        int k = scores.Length;
        double mean = scores.Average();
        double variance = scores.Sum(s => (s - mean) * (s - mean)) / k;
        return Math.Sqrt(((1.0 / k) + (1.0 / (k - 1))) * variance);
    }
}
