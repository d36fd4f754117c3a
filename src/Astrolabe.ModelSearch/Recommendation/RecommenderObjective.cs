namespace Astrolabe.ModelSearch;

/// <summary>
/// The objective of a recommendation search: draws a model from the <see cref="RecommenderSpace"/>, records its
/// configuration as the trial's user attribute <c>model</c>, trains it on the task's training ratings, reports the
/// validation RMSE (clipped predictions) after every epoch (step = epoch) and stops with
/// <see cref="TrialPrunedException"/> when the pruner says so. Returns the validation RMSE after the last epoch
/// (minimise). Trial n trains with seed <c>seed·1,000,003 + n</c>, so a trial is reproducible from its number.
/// </summary>
/// <param name="task">The task.</param>
/// <param name="space">The space (default: <see cref="RecommenderSpaceOptions"/>'s defaults).</param>
/// <param name="seed">The base seed.</param>
public sealed class RecommenderObjective(RatingsTask task, RecommenderSpace? space = null, long seed = 0)
{
    /// <summary>The user attribute that holds the trial's <see cref="RecommenderConfig"/> as JSON.</summary>
    public const string ConfigAttribute = "model";

    /// <summary>The task.</summary>
    public RatingsTask Task { get; } = task ?? throw new ArgumentNullException(nameof(task));

    /// <summary>The space.</summary>
    public RecommenderSpace Space { get; } = space ?? new RecommenderSpace();

    /// <summary>The seed trial <paramref name="number"/> trains with.</summary>
    /// <param name="number">The trial's number.</param>
    /// <returns>The seed.</returns>
    public long TrialSeed(int number) => unchecked((seed * 1_000_003L) + number);

    /// <summary>Trains the trial's model and returns its validation RMSE.</summary>
    /// <param name="trial">The trial.</param>
    /// <param name="cancellationToken">Stops training between mini-batches.</param>
    /// <returns>The validation RMSE after the last epoch.</returns>
    public double Evaluate(Trial trial, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trial);
        var config = Space.Suggest(trial);
        trial.SetUserAttr(ConfigAttribute, config.ToJson());
        var model = RecommenderTraining.Fit(config, Task.Train, Task.Validation, TrialSeed(trial.Number), (epoch, rmse) =>
        {
            trial.Report(rmse, epoch);
            if (trial.ShouldPrune())
            {
                throw new TrialPrunedException($"Pruned after epoch {epoch} with validation RMSE {rmse:G4}.");
            }
        }, cancellationToken);
        return model.ValidationRmse!.Value;
    }

    /// <summary>The configuration a trial of this objective recorded.</summary>
    /// <param name="trial">The trial.</param>
    /// <returns>The configuration.</returns>
    /// <exception cref="InvalidDataException">The trial has no recommender configuration.</exception>
    public static RecommenderConfig ConfigOf(FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return trial.UserAttrs.TryGetValue(ConfigAttribute, out var json) && json is string s
            ? RecommenderConfig.FromJson(s)
            : throw new InvalidDataException($"Trial {trial.Number} has no '{ConfigAttribute}' attribute; it was not run by a recommendation search.");
    }
}
