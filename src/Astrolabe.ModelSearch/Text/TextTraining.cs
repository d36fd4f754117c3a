using System.Globalization;
using Astrolabe.Nn;
using Astrolabe.Nn.Data.Sequences;
using Astrolabe.Nn.Training;
using Astrolabe.Optim;

namespace Astrolabe.ModelSearch;

/// <summary>
/// Trains one <see cref="TextModelConfig"/> on a <see cref="TextTask"/>: builds the network from a seed, then runs
/// <see cref="TextModelConfig.Epochs"/> epochs of mini-batches bucketed by length (shuffled with the seed and the
/// epoch number, so the same seed gives the same model), minimising cross-entropy with Adam or AdamW (embedding
/// tables with row-sparse gradients — the bag's bigram table — with SparseAdam, which updates only the rows a batch
/// touched), scoring the validation texts after each epoch and passing the accuracy to <c>onEpoch</c>, which may
/// stop the run by throwing (a pruned trial).
/// </summary>
public static class TextTraining
{
    /// <summary>Trains a text classifier.</summary>
    /// <param name="config">What to train (checked first).</param>
    /// <param name="task">The task: vocabulary size, classes and the longest encoded text.</param>
    /// <param name="train">Labelled training texts encoded with the task's encoder.</param>
    /// <param name="validation">Labelled texts scored after each epoch, or null.</param>
    /// <param name="seed">Initialisation, dropout and shuffling seed.</param>
    /// <param name="onEpoch">Called after each epoch with (epoch, validation accuracy); may throw to stop.</param>
    /// <param name="cancellationToken">Stops between mini-batches.</param>
    /// <returns>The trained classifier, with the last validation accuracy.</returns>
    /// <exception cref="ArgumentException">An invalid configuration, or unlabelled or empty training texts.</exception>
    /// <exception cref="NonFiniteLossException">The loss became NaN or infinite (the message names the family, epoch and batch).</exception>
    public static TextClassifier Fit(TextModelConfig config, TextTask task, SequenceDataset train, SequenceDataset? validation, long seed, Action<int, double>? onEpoch = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(train);
        if (train.Count == 0 || train.Labels is null)
        {
            throw new ArgumentException("TextTraining.Fit needs labelled, non-empty training texts.", nameof(train));
        }

        var network = TextNetworks.Build(config, new TextNetworks.Shape(task.VocabularySize, task.Outputs, task.Encoder.MaxLength), seed);
        var model = new TextClassifier(network, config);
        var parameters = network.NamedParameters();
        var optimizers = CreateOptimizers(config, network);
        var arena = new TensorArena();
        for (int epoch = 1; epoch <= config.Epochs; epoch++)
        {
            network.Train();
            var rng = new Rng(seed ^ (epoch * 0x5DEECE66DL));
            int b = 0;
            foreach (var batch in train.Batches(config.BatchSize, shuffle: true, rng))
            {
                cancellationToken.ThrowIfCancellationRequested();
                b++;
                using var scope = arena.Enter();
                foreach (var (_, p) in parameters)
                {
                    p.ZeroGrad();
                }

                var loss = Functional.CrossEntropy(network.Forward(batch), batch.Labels!);
                float value = loss.Item();
                if (!float.IsFinite(value))
                {
                    throw new NonFiniteLossException(string.Create(CultureInfo.InvariantCulture,
                        $"The {Spelling<TextFamilyKind>.Of(config.Family)} model's training loss became {value} at epoch {epoch}, batch {b} (learning rate {config.LearningRate:G3}); try a lower learning rate."));
                }

                loss.Backward();
                foreach (var optimizer in optimizers)
                {
                    optimizer.Step();
                }
            }

            if (validation is not null)
            {
                model.ValidationAccuracy = model.Score(validation).Accuracy;
                onEpoch?.Invoke(epoch, model.ValidationAccuracy.Value);
            }
        }

        network.Eval();
        return model;
    }

    /// <summary>
    /// Retrains a chosen configuration on the training and validation texts together (the search used validation to
    /// choose; the final model may learn from it) and scores it once on the untouched test texts.
    /// </summary>
    /// <param name="config">The chosen configuration (e.g. the best trial's).</param>
    /// <param name="task">The task.</param>
    /// <param name="seed">Initialisation, dropout and shuffling seed.</param>
    /// <param name="cancellationToken">Stops between mini-batches.</param>
    /// <returns>The model and its test accuracy and macro-F1.</returns>
    public static (TextClassifier Model, TextScores Test) FitFinal(TextModelConfig config, TextTask task, long seed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        var model = Fit(config, task, Concat(task.Train, task.Validation), null, seed, null, cancellationToken);
        return (model, model.Score(task.Test));
    }

    /// <summary>Adam or AdamW for the dense parameters, SparseAdam for tables with row-sparse gradients.</summary>
    private static List<Optimizer> CreateOptimizers(TextModelConfig config, Module network)
    {
        var all = network.Parameters();
        var dense = all.Where(p => p.SparseGrad is null).ToList();
        var sparse = all.Where(p => p.SparseGrad is not null).ToList();
        var list = new List<Optimizer>
        {
            config.Optimizer == OptimizerKind.AdamW
                ? Optimizers.AdamW(dense, config.LearningRate, weightDecay: config.WeightDecay)
                : Optimizers.Adam(dense, config.LearningRate, weightDecay: config.WeightDecay),
        };
        if (sparse.Count > 0)
        {
            list.Add(Optimizers.SparseAdam(sparse, config.LearningRate));
        }

        return list;
    }

    /// <summary>The texts of <paramref name="a"/>, then those of <paramref name="b"/>.</summary>
    internal static SequenceDataset Concat(SequenceDataset a, SequenceDataset b)
    {
        var rows = new int[a.Count + b.Count][];
        var labels = new int[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            var (part, j) = i < a.Count ? (a, i) : (b, i - a.Count);
            rows[i] = part.Sequence(j).ToArray();
            labels[i] = part.Labels![j];
        }

        return SequenceDataset.Create(rows, labels, Math.Max(a.VocabularySize, b.VocabularySize));
    }
}
