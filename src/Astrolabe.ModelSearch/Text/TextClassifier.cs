using Astrolabe.Nn;
using Astrolabe.Nn.Data.Sequences;
using Astrolabe.Nn.Training;

namespace Astrolabe.ModelSearch;

/// <summary>
/// A trained text classifier: the network a <see cref="TextModelConfig"/> built, in evaluation mode, with the
/// vocabulary size and classes it was trained for. Feed it sequences encoded by the task's encoder.
/// </summary>
public sealed class TextClassifier
{
    private const int EvaluationBatch = 256;
    private readonly TextNetwork _network;

    internal TextClassifier(TextNetwork network, TextModelConfig config)
    {
        _network = network;
        Config = config;
    }

    /// <summary>The configuration it was built from.</summary>
    public TextModelConfig Config { get; }

    /// <summary>The network: its <see cref="Module.Forward(Tensor)"/> maps ids [B, T] (0 after each text) to logits [B, classes].</summary>
    public Module Network => _network;

    /// <summary>The token ids it embeds: [0, <see cref="VocabularySize"/>).</summary>
    public int VocabularySize => _network.VocabularySize;

    /// <summary>The number of classes.</summary>
    public int Classes => _network.Classes;

    /// <summary>The validation accuracy after the last training epoch, or null when trained without validation data.</summary>
    public double? ValidationAccuracy { get; internal set; }

    internal TextNetwork Net => _network;

    /// <summary>The most likely class of every text, in the dataset's order.</summary>
    /// <param name="data">The texts (labels, if any, are ignored).</param>
    /// <returns>One class per text.</returns>
    /// <exception cref="ArgumentException">An id outside the vocabulary.</exception>
    public int[] Predict(SequenceDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var predicted = new int[data.Count];
        bool wasTraining = _network.IsTraining;
        _network.Eval();
        try
        {
            using var _ = GradMode.NoGrad();
            foreach (var batch in data.Batches(EvaluationBatch))
            {
                var classes = ClassificationMetrics.ArgMax(_network.Forward(batch).Data, Classes);
                for (int i = 0; i < batch.Size; i++)
                {
                    predicted[batch.Rows[i]] = classes[i];
                }
            }
        }
        finally
        {
            _network.Train(wasTraining);
        }

        return predicted;
    }

    /// <summary>The accuracy and macro-F1 on labelled texts.</summary>
    /// <param name="data">Labelled texts.</param>
    /// <returns>The scores.</returns>
    /// <exception cref="ArgumentException">The texts have no labels.</exception>
    public TextScores Score(SequenceDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var labels = data.Labels ?? throw new ArgumentException("TextClassifier.Score needs labelled texts.", nameof(data));
        var predicted = Predict(data);
        return new TextScores(ClassificationMetrics.Accuracy(predicted, labels), ClassificationMetrics.MacroF1(predicted, labels));
    }
}
