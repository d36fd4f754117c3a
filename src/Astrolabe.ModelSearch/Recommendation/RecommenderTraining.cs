using Astrolabe.Nn;
using Astrolabe.Nn.Data.Ratings;
using Astrolabe.Nn.Training;
using Astrolabe.Optim;

namespace Astrolabe.ModelSearch;

/// <summary>
/// Trains one <see cref="RecommenderConfig"/> on explicit ratings: the loss is the mean squared error of the unclipped
/// predictions plus <c>EmbeddingL2 · mean_batch(Σ‖looked-up factor rows‖²) + BiasL2 · mean_batch(b_u² + b_i²)</c>;
/// the embedding tables (row-sparse gradients) are stepped by SparseAdam, the dense layers by AdamW with
/// <see cref="RecommenderConfig.WeightDecay"/>, both at <see cref="RecommenderConfig.LearningRate"/>. Everything
/// random (initialisation, dropout, the shuffled order of each epoch) comes from the seed, so a seed gives the same
/// model.
/// </summary>
public static class RecommenderTraining
{
    /// <summary>The users' regularisation of the fitted bias baseline (chosen on InstEval's validation part by the bias peer).</summary>
    public const double BiasRegUser = 15;

    /// <summary>The items' regularisation of the fitted bias baseline.</summary>
    public const double BiasRegItem = 5;

    /// <summary>Trains a model.</summary>
    /// <param name="config">What to train (validated here).</param>
    /// <param name="train">The training ratings (at least one).</param>
    /// <param name="validation">Ratings scored (RMSE of clipped predictions) after each epoch, or null.</param>
    /// <param name="seed">Initialisation, dropout and shuffling seed.</param>
    /// <param name="onEpoch">Called after each epoch with (epoch from 1, validation RMSE) when there is validation data; may throw to stop.</param>
    /// <param name="cancellationToken">Stops between mini-batches.</param>
    /// <returns>The trained model with its last validation RMSE; its fallback is the bias baseline fitted on <paramref name="train"/>.</returns>
    /// <exception cref="ArgumentException">An invalid configuration, empty training data, or validation ids outside the training counts.</exception>
    /// <exception cref="NonFiniteLossException">The loss became NaN or infinite.</exception>
    public static TrainedRecommender Fit(RecommenderConfig config, RatingsDataset train, RatingsDataset? validation, long seed, Action<int, double>? onEpoch = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(train);
        config.Validate();
        if (train.Count == 0)
        {
            throw new ArgumentException("RecommenderTraining: no training ratings.", nameof(train));
        }

        var fallback = RatingBiases.Fit(train, BiasRegUser, BiasRegItem);
        var rng = new Rng(seed);
        var network = RecommenderFamilies.Get(config.Family).Build(config, train.UserCount, train.ItemCount, (float)fallback.Mean, rng);
        if (config.FittedBiases)
        {
            for (int u = 0; u < network.UserCount; u++)
            {
                network.UserBias.Weight.Data[u] = (float)fallback.UserBias(u);
            }

            for (int i = 0; i < network.ItemCount; i++)
            {
                network.ItemBias.Weight.Data[i] = (float)fallback.ItemBias(i);
            }
        }

        var model = new TrainedRecommender(network, config, fallback, train.Ratings.Min(), train.Ratings.Max());
        var parameters = network.Parameters();
        var optimizers = new List<Optimizer> { Optimizers.SparseAdam(parameters.Where(p => p.SparseGrad is not null), config.LearningRate) };
        if (parameters.Any(p => p.SparseGrad is null))
        {
            optimizers.Add(Optimizers.AdamW(parameters.Where(p => p.SparseGrad is null), config.LearningRate, weightDecay: config.WeightDecay));
        }

        var shuffle = new Rng(unchecked((seed * 31) + 7));
        for (int epoch = 1; epoch <= config.Epochs; epoch++)
        {
            network.Train();
            foreach (var batch in train.Batches(config.BatchSize, shuffle: true, shuffle))
            {
                cancellationToken.ThrowIfCancellationRequested();
                Step(network, config, batch, optimizers);
            }

            if (validation is not null)
            {
                model.ValidationRmse = model.Score(validation).Rmse;
                onEpoch?.Invoke(epoch, model.ValidationRmse.Value);
            }
        }

        network.Eval();
        return model;
    }

    /// <summary>One optimisation step on a mini-batch.</summary>
    private static void Step(RecommenderNetwork network, RecommenderConfig config, RatingsBatch batch, List<Optimizer> optimizers)
    {
        foreach (var o in optimizers)
        {
            o.ZeroGrad();
        }

        var output = network.Predict(batch.Users, batch.Items);
        var loss = Functional.MseLoss(output.Prediction, batch.Ratings);
        float perSample = 1f / batch.Size;
        if (config.EmbeddingL2 > 0)
        {
            foreach (var f in output.Factors)
            {
                loss = Functional.Add(loss, Functional.Scale(Functional.Sum(Functional.Mul(f, f)), (float)config.EmbeddingL2 * perSample));
            }
        }

        if (config.BiasL2 > 0)
        {
            foreach (var b in (Tensor[])[output.UserBias, output.ItemBias])
            {
                loss = Functional.Add(loss, Functional.Scale(Functional.Sum(Functional.Mul(b, b)), (float)config.BiasL2 * perSample));
            }
        }

        float value = loss.Item();
        if (!float.IsFinite(value))
        {
            throw new NonFiniteLossException($"The training loss of {config.Family} became {value}.");
        }

        loss.Backward();
        foreach (var o in optimizers)
        {
            o.Step();
        }
    }

    /// <summary>
    /// Retrains a chosen configuration on the training and validation ratings together (the search used validation to
    /// choose; the final model may learn from it), with the bias baseline and the fallback fitted on both.
    /// </summary>
    /// <param name="config">The chosen configuration.</param>
    /// <param name="task">The task.</param>
    /// <param name="seed">The seed.</param>
    /// <param name="cancellationToken">Stops between mini-batches.</param>
    /// <returns>The model (score it on <see cref="RatingsTask.Test"/> once).</returns>
    public static TrainedRecommender FitFinal(RecommenderConfig config, RatingsTask task, long seed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        var (a, b) = (task.Train, task.Validation);
        var both = new RatingsDataset([.. a.Users, .. b.Users], [.. a.Items, .. b.Items], [.. a.Ratings, .. b.Ratings], a.UserCount, a.ItemCount);
        return Fit(config, both, null, seed, null, cancellationToken);
    }
}
