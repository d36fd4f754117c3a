using Astrolabe.Nn.Training;

namespace Astrolabe.Nn.Tests.Training;

public class ClassificationMetricsTests
{
    [Fact]
    public void Accuracy_and_macro_f1_by_hand()
    {
        int[] predicted = [0, 1, 2, 2, 1], labels = [0, 1, 1, 2, 0];
        Assert.Equal(0.6, ClassificationMetrics.Accuracy(predicted, labels), 12);
        // class 0: tp 1, fp 0, fn 1 → 2/3; class 1: tp 1, fp 1, fn 1 → 1/2; class 2: tp 1, fp 1, fn 0 → 2/3.
        Assert.Equal(((2.0 / 3) + 0.5 + (2.0 / 3)) / 3, ClassificationMetrics.MacroF1(predicted, labels), 12);
    }

    [Fact]
    public void Macro_f1_matches_scikit_learn_including_a_class_only_predicted()
    {
        int[] labels = [3, 2, 2, 3, 2, 3, 3, 0, 0, 1, 1, 3, 3, 0, 1, 3, 0, 3, 0, 1];
        int[] predicted = [1, 2, 1, 1, 2, 3, 3, 0, 0, 1, 4, 0, 3, 0, 0, 3, 0, 3, 0, 1];
        // sklearn.metrics.f1_score(labels, predicted, average="macro") and accuracy_score(labels, predicted)
        Assert.Equal(0.5694017094017093, ClassificationMetrics.MacroF1(predicted, labels), 12);
        Assert.Equal(0.7, ClassificationMetrics.Accuracy(predicted, labels), 12);
    }

    [Fact]
    public void Binary_auc_by_hand_and_against_scikit_learn_with_ties()
    {
        Assert.Equal(1.0, ClassificationMetrics.Auc([0.1f, 0.9f], [false, true]));
        Assert.Equal(0.5, ClassificationMetrics.Auc([0.3f, 0.3f], [false, true]));
        // sklearn.metrics.roc_auc_score([0, 0, 1, 1, 1, 0, 1, 0], [0.1, 0.4, 0.35, 0.8, 0.4, 0.2, 0.4, 0.9])
        Assert.Equal(0.625, ClassificationMetrics.Auc([0.1f, 0.4f, 0.35f, 0.8f, 0.4f, 0.2f, 0.4f, 0.9f], [false, false, true, true, true, false, true, false]), 12);
    }

    [Fact]
    public void One_vs_rest_macro_auc_matches_scikit_learn()
    {
        int[] labels = [1, 2, 1, 1, 1, 2, 2, 0, 1, 2, 0, 0, 2, 0, 0];
        float[] probabilities =
        [
            0.0322f, 0.7969f, 0.1709f, 0.0416f, 0.5830f, 0.3754f, 0.0673f, 0.5335f, 0.3992f, 0.1344f, 0.7140f, 0.1516f,
            0.1649f, 0.7924f, 0.0427f, 0.2784f, 0.1439f, 0.5777f, 0.1133f, 0.2084f, 0.6783f, 0.6151f, 0.3549f, 0.0300f,
            0.0935f, 0.8783f, 0.0282f, 0.0673f, 0.0964f, 0.8363f, 0.7589f, 0.1230f, 0.1181f, 0.2492f, 0.6573f, 0.0935f,
            0.1792f, 0.3433f, 0.4775f, 0.5800f, 0.1049f, 0.3151f, 0.2181f, 0.4903f, 0.2915f,
        ];
        // sklearn.metrics.roc_auc_score(labels, probabilities.reshape(15, 3), multi_class="ovr", average="macro")
        Assert.Equal(0.9666666666666667, ClassificationMetrics.MacroAucOneVsRest(probabilities, labels, 3), 12);
        Assert.Equal([1, 1, 1, 1, 1, 2, 2, 0, 1, 2, 0, 1, 2, 0, 1], ClassificationMetrics.ArgMax(probabilities, 3));
    }

    [Fact]
    public void Undefined_or_mismatched_inputs_are_rejected_with_the_reason()
    {
        Assert.Contains("2 predictions but 3 labels", Assert.Throws<ArgumentException>(() => ClassificationMetrics.Accuracy([0, 1], [0, 1, 1])).Message, StringComparison.Ordinal);
        Assert.Contains("no rows", Assert.Throws<ArgumentException>(() => ClassificationMetrics.MacroF1([], [])).Message, StringComparison.Ordinal);
        Assert.Contains("negative", Assert.Throws<ArgumentException>(() => ClassificationMetrics.MacroF1([-1], [0])).Message, StringComparison.Ordinal);
        Assert.Contains("both positive and negative", Assert.Throws<ArgumentException>(() => ClassificationMetrics.Auc([0.1f, 0.2f], [true, true])).Message, StringComparison.Ordinal);
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => ClassificationMetrics.Auc([float.NaN, 0.2f], [true, false])).Message, StringComparison.Ordinal);
        Assert.Contains("class 2 has no row", Assert.Throws<ArgumentException>(() => ClassificationMetrics.MacroAucOneVsRest([1, 0, 0, 0, 1, 0], [0, 1], 3)).Message, StringComparison.Ordinal);
        Assert.Contains("outside [0, 2)", Assert.Throws<ArgumentException>(() => ClassificationMetrics.MacroAucOneVsRest([1, 0, 0, 1], [0, 2], 2)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ClassificationMetrics.ArgMax([1, 2, 3], 2));
    }
}
