namespace Astrolabe.Optim;

/// <summary>Adds the gradient of a penalty to the updates, as if the penalty were part of the loss.</summary>
/// <param name="penalty">The penalty.</param>
public sealed class AddPenaltyGradient(IPenalty penalty) : IGradientTransformation
{
    private readonly IPenalty penalty = penalty ?? throw new ArgumentNullException(nameof(penalty));

    /// <summary>The penalty whose gradient is added.</summary>
    public IPenalty Penalty => penalty;

    /// <inheritdoc/>
    public TransformState Init(IReadOnlyList<Parameter> parameters) => new(parameters);

    /// <inheritdoc/>
    public void Update(UpdateContext context, TransformState state)
    {
        ArgumentNullException.ThrowIfNull(context);
        for (int i = 0; i < context.Count; i++)
        {
            var p = context.Parameters[i];
            if (!penalty.AppliesTo(p))
            {
                continue;
            }

            if (penalty is ElasticNetPenalty { L1: 0 } ridge)
            {
                context.AddScaledParameters(i, ridge.L2);
            }
            else
            {
                penalty.AddGradient(p.Value, context.Materialize(i));
            }
        }
    }
}
