namespace Astrolabe.Optim;

/// <summary>Attaching transformations and gradient accumulation (before the first step).</summary>
public sealed partial class Optimizer
{
    /// <summary>
    /// Attaches a transformation that runs before the optimizer's own chain, after those attached earlier. Returns
    /// this optimizer, so calls chain: <c>Optimizers.Adam(ps).WithGradientClipping(1.0).WithPenalty(Penalties.L1(1e-4))</c>
    /// (the <c>With…</c> shorthands are extension methods in the folders that own the transformations).
    /// </summary>
    /// <exception cref="InvalidOperationException">The optimizer has already stepped or loaded state.</exception>
    public Optimizer With(IGradientTransformation transformation)
    {
        ArgumentNullException.ThrowIfNull(transformation);
        ThrowIfStarted();
        attached.Add(transformation);
        return this;
    }

    /// <summary>
    /// Attaches a transformation that runs before every other one, also those attached earlier: the place of a guard
    /// that may skip the step before any transformation has changed its state.
    /// </summary>
    /// <exception cref="InvalidOperationException">The optimizer has already stepped or loaded state.</exception>
    public Optimizer WithFirst(IGradientTransformation transformation)
    {
        ArgumentNullException.ThrowIfNull(transformation);
        ThrowIfStarted();
        attached.Insert(0, transformation);
        return this;
    }

    /// <summary>
    /// Replaces the learning-rate transformation of the optimizer's own chain (see <c>WithSchedule</c>), wherever it
    /// sits in nested chains; the rest of the chain is kept.
    /// </summary>
    /// <exception cref="InvalidOperationException">The optimizer has started, or its chain has no learning-rate transformation.</exception>
    public Optimizer WithLearningRate(ILearningRateTransformation replacement)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        ThrowIfStarted();
        if (learningRate is null)
        {
            throw new InvalidOperationException("The optimizer's chain has no learning-rate transformation to replace.");
        }

        (core, coreState, learningRate) = Initialize(Replace(core));
        return this;

        IGradientTransformation Replace(IGradientTransformation t) => t switch
        {
            ILearningRateTransformation => replacement,
            Chain c => new Chain(c.Transformations.Select(Replace)),
            _ => t,
        };
    }

    /// <summary>
    /// Accumulates <paramref name="microBatches"/> calls of <see cref="Step"/> (call <see cref="ZeroGrad"/> between
    /// micro-batches as usual) and steps on the mean of their gradients at the last one: the whole chain, attachments
    /// included, runs inside an <see cref="AccumulateGradients"/> wrapper.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="microBatches"/> is below 1.</exception>
    public Optimizer WithGradientAccumulation(int microBatches)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(microBatches, 1);
        ThrowIfStarted();
        this.microBatches = microBatches;
        return this;
    }

    private void ThrowIfStarted()
    {
        if (state is not null)
        {
            throw new InvalidOperationException("Transformations must be attached before the optimizer's first step or LoadState.");
        }
    }
}
