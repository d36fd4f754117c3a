using System.Globalization;

namespace Astrolabe.ModelSearch;

/// <summary>
/// The objective of a text-classification search: draws a classifier from the <see cref="TextSpace"/>, records its
/// configuration as the trial's user attribute <c>model</c>, trains it on the task's training texts, reports the
/// validation accuracy after every epoch (step = epoch) and stops with <see cref="TrialPrunedException"/> when the
/// pruner says so. Returns the validation accuracy after the last epoch (maximise). A run whose loss becomes NaN or
/// infinite fails with <see cref="Nn.Training.NonFiniteLossException"/> (pass it to <c>OptimizeOptions.Catch</c> to
/// record a failed trial and go on). Every trial records the floating-point operations of its matrix products and
/// convolutions as the system attribute <see cref="ModelObjective.FlopsAttribute"/>.
/// </summary>
/// <param name="task">The task.</param>
/// <param name="space">The space (default: <see cref="TextSpaceOptions"/>'s defaults).</param>
/// <param name="seed">The base seed; trial n trains with seed <c>seed·1,000,003 + n</c>.</param>
public sealed class TextObjective(TextTask task, TextSpace? space = null, long seed = 0)
{
    /// <summary>The task.</summary>
    public TextTask Task { get; } = task ?? throw new ArgumentNullException(nameof(task));

    /// <summary>The space.</summary>
    public TextSpace Space { get; } = space ?? new TextSpace();

    /// <summary>The seed trial <paramref name="number"/> trains with.</summary>
    /// <param name="number">The trial's number.</param>
    /// <returns>The seed.</returns>
    public long TrialSeed(int number) => unchecked((seed * 1_000_003L) + number);

    /// <summary>Trains the trial's classifier and returns its validation accuracy.</summary>
    /// <param name="trial">The trial.</param>
    /// <param name="cancellationToken">Stops training between mini-batches.</param>
    /// <returns>The validation accuracy after the last epoch.</returns>
    public double Evaluate(Trial trial, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trial);
        var config = Space.Suggest(trial);
        trial.SetUserAttr(ModelObjective.ConfigAttribute, config.ToJson());
        using var flops = Nn.FlopCounter.Start();
        try
        {
            var model = TextTraining.Fit(config, Task, Task.Train, Task.Validation, TrialSeed(trial.Number), (epoch, accuracy) =>
            {
                trial.Report(accuracy, epoch);
                if (trial.ShouldPrune())
                {
                    throw new TrialPrunedException(string.Create(CultureInfo.InvariantCulture, $"Pruned after epoch {epoch} with validation accuracy {accuracy:G4}."));
                }
            }, cancellationToken);
            return model.ValidationAccuracy!.Value;
        }
        finally
        {
            trial.SetSystemAttr(ModelObjective.FlopsAttribute, flops.Total);
        }
    }

    /// <summary>The text-model configuration a finished trial of this objective recorded.</summary>
    /// <param name="trial">The trial.</param>
    /// <returns>The configuration.</returns>
    /// <exception cref="InvalidDataException">The trial has no text-model configuration.</exception>
    public static TextModelConfig ConfigOf(FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return trial.UserAttrs.TryGetValue(ModelObjective.ConfigAttribute, out var json) && json is string s
            ? TextModelConfig.FromJson(s)
            : throw new InvalidDataException($"Trial {trial.Number} has no '{ModelObjective.ConfigAttribute}' attribute; it was not run by a text-model search.");
    }
}
