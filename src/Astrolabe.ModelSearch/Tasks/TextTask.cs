using Astrolabe.Nn.Data.Sequences;
using Astrolabe.Nn.Data.Text;

namespace Astrolabe.ModelSearch;

/// <summary>
/// A text-classification task: token-id sequences for train, validation and test, encoded by <see cref="Encoder"/>
/// whose vocabulary was built on the training texts only. Scored by accuracy (maximised); report macro-F1 beside it.
/// The model families that take sequences plug in here; the fixed-size families (mlp, cnn) do not.
/// </summary>
public sealed class TextTask
{
    /// <summary>Creates a task from encoded parts.</summary>
    /// <param name="name">The task's name.</param>
    /// <param name="encoder">The encoder the parts were made with.</param>
    /// <param name="train">The training sequences (labelled).</param>
    /// <param name="validation">The validation sequences (labelled).</param>
    /// <param name="test">The test sequences (labelled).</param>
    /// <param name="classNames">The name of each class, by label.</param>
    /// <exception cref="ArgumentException">A part is empty or unlabelled, or the parts disagree with the encoder.</exception>
    public TextTask(string name, TextEncoder encoder, SequenceDataset train, SequenceDataset validation, SequenceDataset test, IReadOnlyList<string> classNames)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(classNames);
        foreach (var (part, label) in new[] { (train, "train"), (validation, "validation"), (test, "test") })
        {
            ArgumentNullException.ThrowIfNull(part);
            if (part.Count == 0 || part.Labels is null || part.VocabularySize != encoder.Vocabulary.Count || part.NumClasses > classNames.Count)
            {
                throw new ArgumentException($"Task '{name}': the {label} part must be non-empty, labelled with one of {classNames.Count} classes and encoded with the task's vocabulary of {encoder.Vocabulary.Count} ids.");
            }
        }

        Name = name;
        Encoder = encoder;
        Train = train;
        Validation = validation;
        Test = test;
        ClassNames = classNames;
    }

    /// <summary>The task's name.</summary>
    public string Name { get; }

    /// <summary>The tokenizer, vocabulary and maximum length that encode raw text for this task's models.</summary>
    public TextEncoder Encoder { get; }

    /// <summary>The training sequences.</summary>
    public SequenceDataset Train { get; }

    /// <summary>The validation sequences (the search scores on these).</summary>
    public SequenceDataset Validation { get; }

    /// <summary>The test sequences (touched once, by the final model).</summary>
    public SequenceDataset Test { get; }

    /// <summary>The name of each class, by label.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The number of classes (the model's outputs).</summary>
    public int Outputs => ClassNames.Count;

    /// <summary>The rows of an embedding table for this vocabulary (padding and unknown included).</summary>
    public int VocabularySize => Encoder.Vocabulary.Count;

    /// <summary>Accuracy is maximised.</summary>
    public static StudyDirection Direction => StudyDirection.Maximize;

    /// <summary>"accuracy".</summary>
    public static string MetricName => "accuracy";
}
