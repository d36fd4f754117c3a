namespace Astrolabe.Optim;

/// <summary>
/// Updates a set of parameters in place with a chain of gradient transformations: each <see cref="Step"/> reads the
/// parameters' gradients, runs the attached transformations (non-finite guard, penalties, clipping; in the order
/// they were attached) and then the optimizer's own chain, and adds the result to the parameter values.
/// </summary>
/// <remarks>
/// Built by <c>Optimizers</c> (PyTorch's names and defaults) or from any transformation. The state of its own chain
/// (which holds the learning rate) is created with it; that of attached transformations at the first step (or
/// <see cref="LoadState"/>), and transformations can be attached until then.
/// </remarks>
public sealed partial class Optimizer
{
    private readonly Parameter[] parameters;
    private readonly List<IGradientTransformation> attached = [];
    private readonly UpdateContext context;
    private IGradientTransformation core;
    private TransformState coreState;
    private (ILearningRateTransformation Transformation, TransformState State)? learningRate;
    private int microBatches = 1;
    private IGradientTransformation? chain;
    private TransformState? chainState;
    private TransformState? state;

    /// <summary>Creates an optimizer from a transformation whose result is added to the parameters.</summary>
    /// <param name="parameters">The parameters, with unique names.</param>
    /// <param name="transformation">The optimizer's chain, usually ending with a <see cref="ILearningRateTransformation"/> (<c>ScaleByLearningRate</c>), which holds the learning rate.</param>
    /// <exception cref="ArgumentException">No parameters, two with the same name, or a chain with two learning-rate transformations.</exception>
    public Optimizer(IEnumerable<Parameter> parameters, IGradientTransformation transformation)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(transformation);
        this.parameters = [.. parameters];
        if (this.parameters.Length == 0)
        {
            throw new ArgumentException("The optimizer got an empty parameter list.", nameof(parameters));
        }

        var duplicate = this.parameters.GroupBy(p => p.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Two parameters are named '{duplicate.Key}'; names must be unique.", nameof(parameters));
        }

        context = new UpdateContext(this.parameters);
        (core, coreState, learningRate) = Initialize(transformation);
    }

    /// <summary>The parameters, in order.</summary>
    public IReadOnlyList<Parameter> Parameters => parameters;

    /// <summary>The transformations a step runs, in order: those attached, then the optimizer's own chain.</summary>
    public IReadOnlyList<IGradientTransformation> Transformations => [.. attached, core];

    /// <summary>The number of steps applied (skipped steps and accumulating micro-batches not counted).</summary>
    public long StepCount { get; private set; }

    /// <summary>The number of steps skipped because of non-finite gradients.</summary>
    public long SkippedSteps { get; private set; }

    /// <summary>The global gradient norm of the last step, when clipping by norm is attached.</summary>
    public double? LastGradNorm { get; private set; }

    /// <summary>
    /// The learning rate the next step uses, held in the state of the chain's <see cref="ILearningRateTransformation"/>
    /// (NaN when the chain has none). Setting it overrides that rate until a schedule in the chain moves it.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative or non-finite value.</exception>
    /// <exception cref="InvalidOperationException">Set while the chain has no learning-rate transformation.</exception>
    public double LearningRate
    {
        get => learningRate is { } rate ? rate.Transformation.LearningRate(rate.State) : double.NaN;
        set
        {
            Check.LearningRate(value, nameof(value));
            var (t, s) = learningRate ?? throw new InvalidOperationException("The optimizer's chain has no learning-rate transformation.");
            t.SetLearningRate(s, value);
        }
    }

    /// <summary>Runs one step (or, with gradient accumulation, adds one micro-batch and steps on the last one).</summary>
    /// <exception cref="ArithmeticException">An attached guard refused the gradients (a non-finite gradient under the policy <c>Throw</c>).</exception>
    public void Step()
    {
        EnsureInitialized();
        context.Begin(StepCount + 1);
        chain!.Update(context, state!);
        if (context.IsHeld)
        {
            return;
        }

        LastGradNorm = context.GradientNorm;
        if (context.IsSkipped)
        {
            SkippedSteps++;
        }
        else
        {
            context.ApplyToParameters();
            StepCount++;
        }
    }

    /// <summary>Sets every gradient to zero.</summary>
    public void ZeroGrad()
    {
        foreach (var p in parameters)
        {
            if (p.DenseGrad is { } g)
            {
                Array.Clear(g);
            }
            else
            {
                p.SparseGrad!.Clear();
            }
        }
    }

    /// <summary>
    /// Writes the step count and every transformation's state by slot name, the learning rate and a partly
    /// accumulated step included (resume training with <see cref="LoadState"/>).
    /// </summary>
    public void SaveState(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        EnsureInitialized();
        StateSerializer.Write(stream, parameters, StepCount, state!);
    }

    /// <summary>
    /// Restores what <see cref="SaveState"/> wrote, into an optimizer built the same way over the same parameters.
    /// Version 1 files (which kept the learning rate beside the state and no accumulated gradients) are read too.
    /// </summary>
    /// <exception cref="InvalidDataException">The stream was saved from different parameters or a different chain.</exception>
    public void LoadState(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        EnsureInitialized();
        var saved = StateSerializer.Read(stream, parameters, state!, chainState!, learningRate?.State);
        StepCount = saved.Steps;
        if (saved.Version1LearningRate is double lr && learningRate is { } rate)
        {
            // Version 1 kept the rate and the step count beside the state; the learning-rate state is rebuilt from them.
            if (rate.State.ScalarSlots.Any(x => x.Name == ScalarSlot.Count.Name))
            {
                rate.State[ScalarSlot.Count] = saved.Steps;
            }

            rate.Transformation.SetLearningRate(rate.State, lr);
        }
    }

    private (IGradientTransformation Core, TransformState State, (ILearningRateTransformation, TransformState)? LearningRate) Initialize(IGradientTransformation transformation)
    {
        var s = transformation.Init(parameters);
        var found = FindLearningRate(transformation, s).Take(2).ToList();
        return found.Count <= 1
            ? (transformation, s, found.Count == 1 ? found[0] : null)
            : throw new ArgumentException("The chain holds two learning-rate transformations; the rate must live in one place.", nameof(transformation));
    }

    private static IEnumerable<(ILearningRateTransformation, TransformState)> FindLearningRate(IGradientTransformation t, TransformState s)
    {
        if (t is ILearningRateTransformation rate)
        {
            return [(rate, s)];
        }

        return t is Chain c ? c.Transformations.Zip(s.Children).SelectMany(x => FindLearningRate(x.First, x.Second)) : [];
    }

    private void EnsureInitialized()
    {
        if (state is not null)
        {
            return;
        }

        var steps = new Chain([.. attached, core]);
        chainState = new TransformState(parameters, children: [.. attached.Select(t => t.Init(parameters)), coreState]);
        (chain, state) = microBatches == 1
            ? ((IGradientTransformation)steps, chainState)
            : (new AccumulateGradients(steps, microBatches), AccumulateGradients.Init(parameters, chainState));
    }
}
