namespace Astrolabe.Optim;

/// <summary>
/// Multiplies the updates by <c>−schedule(step − 1)</c>: a learning rate that is a function of the optimizer's step
/// count (optax style), used instead of <see cref="ScaleByLearningRate"/> when no scheduler object drives the rate.
/// </summary>
/// <param name="schedule">The learning rate as a function of the 0-based step.</param>
public sealed class ScaleBySchedule(ISchedule schedule) : IGradientTransformation
{
    private readonly ISchedule schedule = schedule ?? throw new ArgumentNullException(nameof(schedule));

    /// <inheritdoc/>
    public TransformState Init(IReadOnlyList<Parameter> parameters) => new(parameters);

    /// <inheritdoc/>
    public void Update(UpdateContext context, TransformState state)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.ScaleAll(-schedule.LearningRateAt(context.Step - 1));
    }
}
