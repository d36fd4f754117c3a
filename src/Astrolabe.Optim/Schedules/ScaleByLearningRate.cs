namespace Astrolabe.Optim;

/// <summary>
/// Multiplies the updates by <c>−lr</c>, so that adding them descends, where lr follows a schedule of this
/// transformation's own step count (optax's <c>scale_by_schedule</c>; a constant rate is a constant schedule). Lazy:
/// costs no pass over memory.
/// </summary>
/// <remarks>
/// State: scalar <c>"count"</c> (the steps taken) and <c>"learning_rate"</c>, the rate of the next step. A step
/// multiplies by that rate and advances the count; when the schedule's value changes at the new count, the rate
/// becomes that value. So a rate set with <see cref="SetLearningRate"/> (a reduction on a plateau, a restored
/// checkpoint) holds until the schedule moves: for ever under a constant rate.
/// </remarks>
public sealed class ScaleByLearningRate : ILearningRateTransformation
{
    private static readonly ScalarSlot Rate = new("learning_rate");

    /// <summary>A constant learning rate.</summary>
    /// <param name="learningRate">The rate, finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">The rate is negative or not finite.</exception>
    public ScaleByLearningRate(double learningRate)
        : this(new ConstantSchedule(Check.LearningRate(learningRate, nameof(learningRate))))
    {
    }

    /// <summary>A learning rate that follows <paramref name="schedule"/>: step t (from 1) uses <c>schedule(t − 1)</c>.</summary>
    /// <param name="schedule">The rate as a function of the 0-based step; negative values count as 0.</param>
    public ScaleByLearningRate(ISchedule schedule) => Schedule = schedule ?? throw new ArgumentNullException(nameof(schedule));

    /// <summary>The schedule the rate follows.</summary>
    public ISchedule Schedule { get; }

    /// <inheritdoc/>
    public TransformState Init(IReadOnlyList<Parameter> parameters)
    {
        var state = new TransformState(parameters, scalars: [ScalarSlot.Count, Rate]);
        state[Rate] = At(0);
        return state;
    }

    /// <inheritdoc/>
    public void Update(UpdateContext context, TransformState state)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(state);
        context.ScaleAll(-state[Rate]);
        long t = state.Increment(ScalarSlot.Count);
        double next = At(t);
        if (next != At(t - 1))
        {
            state[Rate] = next;
        }
    }

    /// <inheritdoc/>
    public double LearningRate(TransformState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state[Rate];
    }

    /// <inheritdoc/>
    public void SetLearningRate(TransformState state, double learningRate)
    {
        ArgumentNullException.ThrowIfNull(state);
        state[Rate] = Check.LearningRate(learningRate, nameof(learningRate));
    }

    private double At(long step) => Math.Max(0, Schedule.LearningRateAt(step));
}
