namespace Astrolabe.Optim;

/// <summary>
/// Updates a set of parameters in place with a chain of gradient transformations: each <see cref="Step"/> reads the
/// parameters' gradients, runs the attached transformations (non-finite guard, penalties, clipping; in the order
/// they were attached) and then the optimizer's own chain, and adds the result to the parameter values.
/// </summary>
/// <remarks>
/// Built by <c>Optimizers</c> (PyTorch's names and defaults) or from any transformation. The state is
/// allocated at the first step (or <see cref="LoadState"/>); transformations can be attached until then.
/// </remarks>
public sealed partial class Optimizer
{
    private readonly Parameter[] parameters;
    private readonly float[][] gradients;
    private readonly List<IGradientTransformation> attached = [];
    private readonly IGradientTransformation core;
    private readonly UpdateContext context;
    private GradientAccumulator? accumulator;
    private IGradientTransformation? chain;
    private TransformState? state;
    private double learningRate;

    /// <summary>Creates an optimizer from a transformation whose result is added to the parameters.</summary>
    /// <param name="parameters">The parameters, with unique names.</param>
    /// <param name="learningRate">The base learning rate (read by <c>ScaleByLearningRate</c>).</param>
    /// <param name="transformation">The optimizer's chain, usually ending with <c>ScaleByLearningRate</c>.</param>
    /// <exception cref="ArgumentException">No parameters, or two with the same name.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The learning rate is negative or not finite.</exception>
    public Optimizer(IEnumerable<Parameter> parameters, double learningRate, IGradientTransformation transformation)
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

        gradients = [.. this.parameters.Select(p => p.Grad)];
        LearningRate = learningRate;
        core = transformation;
        context = new UpdateContext(this.parameters);
    }

    /// <summary>The parameters, in order.</summary>
    public IReadOnlyList<Parameter> Parameters => parameters;

    /// <summary>The number of steps applied (skipped steps and accumulating micro-batches not counted).</summary>
    public long StepCount { get; private set; }

    /// <summary>The number of steps skipped because of non-finite gradients.</summary>
    public long SkippedSteps { get; private set; }

    /// <summary>The global gradient norm of the last step, when clipping by norm is attached.</summary>
    public double? LastGradNorm { get; private set; }

    /// <summary>The base learning rate; a scheduler sets it between steps.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative or not finite.</exception>
    public double LearningRate
    {
        get => learningRate;
        set => learningRate = Check.LearningRate(value, nameof(value));
    }

    /// <summary>Runs one step (or, with gradient accumulation, adds one micro-batch and steps on the last one).</summary>
    /// <exception cref="ArithmeticException">An attached guard refused the gradients (a non-finite gradient under the policy <c>Throw</c>).</exception>
    public void Step()
    {
        EnsureInitialized();
        IReadOnlyList<float[]> inputs = gradients;
        if (accumulator is not null)
        {
            if (!accumulator.Add(parameters))
            {
                return;
            }

            inputs = accumulator.Sums;
        }

        context.Begin(inputs, StepCount + 1, LearningRate);
        if (accumulator is not null)
        {
            context.ScaleAll(1.0 / accumulator.MicroBatches);
        }

        chain!.Update(context, state!);
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

        accumulator?.Reset();
    }

    /// <summary>Sets every gradient to zero.</summary>
    public void ZeroGrad()
    {
        foreach (var p in parameters)
        {
            Array.Clear(p.Grad);
        }
    }

    /// <summary>
    /// Writes the step count, learning rate and every transformation's state (resume training with
    /// <see cref="LoadState"/>). Call it between steps: with gradient accumulation, a partly accumulated step is not saved.
    /// </summary>
    public void SaveState(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        EnsureInitialized();
        StateSerializer.Write(stream, parameters, StepCount, LearningRate, state!);
    }

    /// <summary>Restores what <see cref="SaveState"/> wrote, into an optimizer built the same way over the same parameters.</summary>
    /// <exception cref="InvalidDataException">The stream was saved from different parameters or a different chain.</exception>
    public void LoadState(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        EnsureInitialized();
        (StepCount, LearningRate) = StateSerializer.Read(stream, parameters, state!);
    }

    private void EnsureInitialized()
    {
        if (state is not null)
        {
            return;
        }

        chain = new Chain([.. attached, core]);
        state = chain.Init(parameters);
    }
}
