using System.Numerics.Tensors;

namespace Astrolabe.Optim;

/// <summary>
/// Gradient accumulation as a wrapper (optax's <c>MultiSteps</c>): sums the updates of <c>microBatches</c> calls and
/// runs the inner transformation on their mean at the last one. The calls before it hold the step (nothing is
/// applied, nothing counted), so an optimizer steps once per <c>microBatches</c> calls of <see cref="Optimizer.Step"/>.
/// </summary>
/// <remarks>State: buffer <c>"sum"</c>, scalar <c>"count"</c> (micro-batches gathered so far), and the inner state.</remarks>
public sealed class AccumulateGradients : IGradientTransformation
{
    private static readonly BufferSlot Sum = new("sum");
    private readonly IGradientTransformation inner;

    /// <summary>Creates the wrapper.</summary>
    /// <param name="inner">The transformation that runs on the mean of the micro-batches.</param>
    /// <param name="microBatches">The micro-batches per step, ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="microBatches"/> is below 1.</exception>
    public AccumulateGradients(IGradientTransformation inner, int microBatches)
    {
        this.inner = inner ?? throw new ArgumentNullException(nameof(inner));
        ArgumentOutOfRangeException.ThrowIfLessThan(microBatches, 1);
        MicroBatches = microBatches;
    }

    /// <summary>The micro-batches per step.</summary>
    public int MicroBatches { get; }

    /// <summary>The transformation that runs on the mean.</summary>
    public IGradientTransformation Inner => inner;

    /// <inheritdoc/>
    public TransformState Init(IReadOnlyList<Parameter> parameters) => Init(parameters, inner.Init(parameters));

    /// <summary>The state around an inner state that already exists.</summary>
    internal static TransformState Init(IReadOnlyList<Parameter> parameters, TransformState innerState) =>
        new(parameters, [Sum], [ScalarSlot.Count], [innerState]);

    /// <inheritdoc/>
    public void Update(UpdateContext context, TransformState state)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(state);
        long gathered = state.Increment(ScalarSlot.Count);
        for (int i = 0; i < context.Count; i++)
        {
            float[] sum = state.Buffer(Sum, i);
            if (gathered == 1)
            {
                Array.Clear(sum);
            }

            TensorPrimitives.Add(sum, context.Read(i), sum);
        }

        if (gathered < MicroBatches)
        {
            context.HoldStep();
            return;
        }

        // The sums stay the updates' input until they are applied; the next step's first micro-batch clears them.
        state[ScalarSlot.Count] = 0;
        for (int i = 0; i < context.Count; i++)
        {
            context.SetInput(i, state.Buffer(Sum, i));
        }

        context.ScaleAll(1.0 / MicroBatches);
        inner.Update(context, state.Children[0]);
    }
}
