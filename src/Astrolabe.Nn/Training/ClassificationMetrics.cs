namespace Astrolabe.Nn.Training;

/// <summary>
/// Classification scores from predictions or per-class scores: accuracy, macro-F1 and ROC AUC (binary and
/// one-vs-rest macro), with scikit-learn's definitions.
/// </summary>
public static class ClassificationMetrics
{
    /// <summary>The predicted class of each row: the index of its largest score (the first on ties).</summary>
    /// <param name="scores">Scores [N, <paramref name="classes"/>] row-major (logits or probabilities).</param>
    /// <param name="classes">Classes per row (≥ 1).</param>
    /// <returns>N predictions.</returns>
    /// <exception cref="ArgumentException">The scores do not divide into rows of <paramref name="classes"/>.</exception>
    public static int[] ArgMax(ReadOnlySpan<float> scores, int classes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        if (scores.Length % classes != 0)
        {
            throw new ArgumentException($"ArgMax: {scores.Length} scores do not divide into rows of {classes} classes.", nameof(scores));
        }

        var predicted = new int[scores.Length / classes];
        for (int i = 0; i < predicted.Length; i++)
        {
            predicted[i] = System.Numerics.Tensors.TensorPrimitives.IndexOfMax(scores.Slice(i * classes, classes));
        }

        return predicted;
    }

    /// <summary>The share of rows whose prediction equals the label.</summary>
    /// <param name="predicted">Predicted classes.</param>
    /// <param name="labels">True classes (as many, at least one).</param>
    /// <returns>Accuracy in [0, 1].</returns>
    public static double Accuracy(ReadOnlySpan<int> predicted, ReadOnlySpan<int> labels)
    {
        CheckPairs(predicted.Length, labels.Length, nameof(Accuracy));
        int correct = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            correct += predicted[i] == labels[i] ? 1 : 0;
        }

        return (double)correct / labels.Length;
    }

    /// <summary>
    /// The unweighted mean of the per-class F1 = 2·tp / (2·tp + fp + fn) over the classes that occur among the labels
    /// or the predictions (scikit-learn's <c>f1_score(average="macro")</c>; a class with tp = 0 scores 0).
    /// </summary>
    /// <param name="predicted">Predicted classes (≥ 0).</param>
    /// <param name="labels">True classes (≥ 0, as many, at least one).</param>
    /// <returns>Macro-F1 in [0, 1].</returns>
    public static double MacroF1(ReadOnlySpan<int> predicted, ReadOnlySpan<int> labels)
    {
        CheckPairs(predicted.Length, labels.Length, nameof(MacroF1));
        int classes = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            if (predicted[i] < 0 || labels[i] < 0)
            {
                throw new ArgumentException($"MacroF1: row {i} has a negative class ({predicted[i]}, {labels[i]}).");
            }

            classes = Math.Max(classes, Math.Max(predicted[i], labels[i]) + 1);
        }

        var tp = new int[classes];
        var fp = new int[classes];
        var fn = new int[classes];
        for (int i = 0; i < labels.Length; i++)
        {
            if (predicted[i] == labels[i])
            {
                tp[labels[i]]++;
            }
            else
            {
                fp[predicted[i]]++;
                fn[labels[i]]++;
            }
        }

        double sum = 0;
        int present = 0;
        for (int c = 0; c < classes; c++)
        {
            int denominator = (2 * tp[c]) + fp[c] + fn[c];
            if (denominator > 0)
            {
                sum += 2.0 * tp[c] / denominator;
                present++;
            }
        }

        return sum / present;
    }

    /// <summary>
    /// The area under the ROC curve: the probability that a random positive scores above a random negative, ties
    /// counting one half (scikit-learn's <c>roc_auc_score</c> for binary labels).
    /// </summary>
    /// <param name="scores">Scores; higher means more likely positive.</param>
    /// <param name="positive">Whether each row is positive (as many; both kinds present).</param>
    /// <returns>AUC in [0, 1].</returns>
    /// <exception cref="ArgumentException">Only one kind of label, a NaN score, or lengths that differ.</exception>
    public static double Auc(ReadOnlySpan<float> scores, ReadOnlySpan<bool> positive)
    {
        CheckPairs(scores.Length, positive.Length, nameof(Auc));
        var order = new int[scores.Length];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = float.IsNaN(scores[i]) ? throw new ArgumentException($"Auc: score {i} is NaN.", nameof(scores)) : i;
        }

        var keys = scores.ToArray();
        Array.Sort(keys, order);
        long positives = 0;
        double rankSum = 0;
        for (int start = 0; start < order.Length;)
        {
            int end = start;
            while (end < order.Length && keys[end] == keys[start])
            {
                end++;
            }

            double midRank = ((start + 1) + end) / 2.0;
            for (int k = start; k < end; k++)
            {
                if (positive[order[k]])
                {
                    positives++;
                    rankSum += midRank;
                }
            }

            start = end;
        }

        long negatives = order.Length - positives;
        if (positives == 0 || negatives == 0)
        {
            throw new ArgumentException($"Auc: needs both positive and negative rows; got {positives} positive and {negatives} negative.", nameof(positive));
        }

        return (rankSum - (positives * (positives + 1) / 2.0)) / ((double)positives * negatives);
    }

    /// <summary>
    /// One-vs-rest macro AUC: the mean over classes c of the AUC of column c for "label = c" (scikit-learn's
    /// <c>roc_auc_score(multi_class="ovr", average="macro")</c>; AUC only ranks, so logits and probabilities agree).
    /// </summary>
    /// <param name="scores">Scores [N, <paramref name="classes"/>] row-major.</param>
    /// <param name="labels">N labels in [0, <paramref name="classes"/>); every class present.</param>
    /// <param name="classes">The number of classes (≥ 2).</param>
    /// <returns>Macro AUC in [0, 1].</returns>
    /// <exception cref="ArgumentException">Shapes disagree, a label is out of range, or a class has no row.</exception>
    public static double MacroAucOneVsRest(ReadOnlySpan<float> scores, ReadOnlySpan<int> labels, int classes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        if (scores.Length != labels.Length * classes)
        {
            throw new ArgumentException($"MacroAucOneVsRest: {scores.Length} scores for {labels.Length} rows of {classes} classes.", nameof(scores));
        }

        var column = new float[labels.Length];
        var isClass = new bool[labels.Length];
        double sum = 0;
        for (int c = 0; c < classes; c++)
        {
            for (int i = 0; i < labels.Length; i++)
            {
                if ((uint)labels[i] >= (uint)classes)
                {
                    throw new ArgumentException($"MacroAucOneVsRest: label {labels[i]} of row {i} is outside [0, {classes}).", nameof(labels));
                }

                column[i] = scores[(i * classes) + c];
                isClass[i] = labels[i] == c;
            }

            if (Array.IndexOf(isClass, true) < 0)
            {
                throw new ArgumentException($"MacroAucOneVsRest: class {c} has no row, so its AUC is undefined.", nameof(labels));
            }

            sum += Auc(column, isClass);
        }

        return sum / classes;
    }

    private static void CheckPairs(int a, int b, string metric)
    {
        if (a != b)
        {
            throw new ArgumentException($"{metric}: {a} predictions but {b} labels.");
        }

        if (b == 0)
        {
            throw new ArgumentException($"{metric}: no rows.");
        }
    }
}
