namespace Astrolabe.Optim;

/// <summary>
/// The updates of one optimizer step, per parameter, as they pass through a chain of transformations.
/// </summary>
/// <remarks>
/// The updates of parameter <c>i</c> start as its gradient and are held lazily (see <see cref="LinearInput"/> and
/// <see cref="DeferredUpdate"/>). A transformation either changes them by scalars (<see cref="Scale"/>,
/// <see cref="AddScaledParameters"/>), rewrites them in place (<see cref="Materialize"/>), or replaces them by a
/// deferred elementwise computation (<see cref="Defer"/>). The gradient buffers are never written. The updates of a
/// parameter with a <see cref="RowSparseGradient"/> start row-sparse (<see cref="IsRowSparse"/>): a transformation
/// that understands rows works on the touched rows only (<see cref="RowIndices"/>, <see cref="MaterializeRows"/>);
/// any dense access (<see cref="Input"/>, <see cref="Read"/>, <see cref="Materialize"/>) turns them into the dense
/// equivalent first, zeros in the untouched rows, so every transformation stays correct.
/// </remarks>
public sealed partial class UpdateContext
{
    private readonly UpdateContext root;
    private readonly int[] map;
    private readonly Parameter[] parameters;
    private readonly float[]?[] work;
    private readonly float[][] source;
    private readonly DeferredUpdate?[] deferred;
    private readonly RowSparseGradient?[] sparse;
    private readonly float[][] sparseValues;
    private readonly float[]?[] sparseWork;
    private readonly double[] a;
    private readonly double[] b;
    private long step;
    private double? gradientNorm;
    private bool skipped;
    private bool held;

    internal UpdateContext(IReadOnlyList<Parameter> parameters)
    {
        this.parameters = [.. parameters];
        int n = this.parameters.Length;
        work = new float[n][];
        source = new float[n][];
        deferred = new DeferredUpdate[n];
        sparse = new RowSparseGradient[n];
        sparseValues = new float[n][];
        sparseWork = new float[n][];
        a = new double[n];
        b = new double[n];
        root = this;
        map = [.. Enumerable.Range(0, n)];
    }

    private UpdateContext(UpdateContext parent, int[] indices)
    {
        root = parent.root;
        map = [.. indices.Select(i => parent.map[i])];
        parameters = [.. map.Select(k => root.parameters[k])];
        (work, source, deferred, a, b) = (root.work, root.source, root.deferred, root.a, root.b);
        (sparse, sparseValues, sparseWork) = (root.sparse, root.sparseValues, root.sparseWork);
    }

    /// <summary>The parameters, in order.</summary>
    public IReadOnlyList<Parameter> Parameters => parameters;

    /// <summary>The number of parameters.</summary>
    public int Count => parameters.Length;

    /// <summary>The step being computed, counting from 1.</summary>
    public long Step => root.step;

    /// <summary>The global gradient norm, when a clipping transformation computed it.</summary>
    public double? GradientNorm
    {
        get => root.gradientNorm;
        set => root.gradientNorm = value;
    }

    /// <summary>Whether a transformation asked to skip this step (the chain stops; nothing is applied).</summary>
    public bool IsSkipped => root.skipped;

    /// <summary>Asks to skip this step: later transformations do not run and the parameters are not changed.</summary>
    public void SkipStep() => root.skipped = true;

    /// <summary>Whether a transformation is gathering micro-batches and holds this step (the chain stops; nothing is applied or counted).</summary>
    public bool IsHeld => root.held;

    /// <summary>
    /// Holds this step while gradients are gathered (see <see cref="AccumulateGradients"/>): later transformations do
    /// not run, the parameters are not changed, and the optimizer counts neither a step nor a skipped one.
    /// </summary>
    public void HoldStep() => root.held = true;

    /// <summary>Whether the chain stops here: the step is skipped or held.</summary>
    public bool IsStopped => root.skipped || root.held;

    /// <summary>
    /// Makes <paramref name="values"/> the updates of parameter <paramref name="i"/>, replacing whatever they were. The
    /// array is read, never written, and must stay unchanged until the step is applied.
    /// </summary>
    public void SetInput(int i, float[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        int k = map[i];
        if (values.Length != parameters[i].Length)
        {
            throw new ArgumentException($"Parameter '{parameters[i].Name}' has {parameters[i].Length} elements; the input has {values.Length}.", nameof(values));
        }

        source[k] = values;
        deferred[k] = null;
        sparse[k] = null;
        a[k] = 1;
        b[k] = 0;
    }

    /// <summary>A view of the updates of some parameters only (indices into this context), for transformations that apply to a subset.</summary>
    public UpdateContext Subset(IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        return new UpdateContext(this, [.. indices]);
    }

    internal void Begin(long step)
    {
        for (int i = 0; i < parameters.Length; i++)
        {
            var p = parameters[i];
            source[i] = p.DenseGrad ?? [];
            sparse[i] = p.SparseGrad;
            sparseValues[i] = p.SparseGrad?.ValuesArray ?? [];
            deferred[i] = null;
            a[i] = 1;
            b[i] = 0;
        }

        this.step = step;
        gradientNorm = null;
        skipped = false;
        held = false;
    }

    /// <summary>Multiplies the updates of parameter <paramref name="i"/> by <paramref name="factor"/> (lazily).</summary>
    public void Scale(int i, double factor)
    {
        int k = map[i];
        a[k] *= factor;
        b[k] *= factor;
    }

    /// <summary>Multiplies the updates of every parameter by <paramref name="factor"/> (lazily).</summary>
    public void ScaleAll(double factor)
    {
        for (int i = 0; i < parameters.Length; i++)
        {
            Scale(i, factor);
        }
    }

    /// <summary>Adds <paramref name="factor"/> times the parameter values to the updates of parameter <paramref name="i"/> (lazily).</summary>
    public void AddScaledParameters(int i, double factor) => b[map[i]] += factor;
}
