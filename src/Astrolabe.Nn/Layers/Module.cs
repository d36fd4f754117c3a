namespace Astrolabe.Nn;

/// <summary>
/// A layer or a model: maps an input tensor to an output tensor, owns named parameters (tensors that require
/// gradients) and buffers (state such as running statistics), and has a training/evaluation mode.
/// </summary>
/// <remarks>
/// Parameter names are dotted paths (<c>"0.weight"</c>), stable across runs, used by checkpoints and optimizers.
/// Errors from a layer name it by <see cref="Name"/>.
/// </remarks>
public abstract partial class Module
{
    private string? _name;

    /// <summary>The name used in error messages (default: the type name; <see cref="Sequential"/> adds the index).</summary>
    public string Name
    {
        get => _name ?? GetType().Name;
        set => _name = value;
    }

    /// <summary>Whether the module is in training mode (dropout active, batch statistics); true initially.</summary>
    public bool IsTraining { get; private set; } = true;

    /// <summary>Computes the output for <paramref name="x"/>, recording the graph when gradients are enabled.</summary>
    /// <param name="x">The input.</param>
    /// <returns>The output.</returns>
    public abstract Tensor Forward(Tensor x);

    /// <summary>The direct sub-modules with their names.</summary>
    /// <returns>The children.</returns>
    public virtual IEnumerable<(string Name, Module Module)> Children() => [];

    /// <summary>This module's own parameters (not its children's).</summary>
    /// <returns>The parameters with their local names.</returns>
    protected virtual IEnumerable<(string Name, Tensor Tensor)> OwnParameters() => [];

    /// <summary>This module's own non-trainable state saved in checkpoints (e.g. running statistics).</summary>
    /// <returns>The buffers with their local names.</returns>
    protected virtual IEnumerable<(string Name, float[] Buffer)> OwnBuffers() => [];

    /// <summary>All parameters of this module and its descendants, with dotted names, in a stable order.</summary>
    /// <returns>The named parameters.</returns>
    public IReadOnlyList<(string Name, Tensor Tensor)> NamedParameters()
    {
        var list = new List<(string, Tensor)>();
        Collect(this, "", list, static m => m.OwnParameters());
        return list;
    }

    /// <summary>All buffers of this module and its descendants, with dotted names.</summary>
    /// <returns>The named buffers.</returns>
    public IReadOnlyList<(string Name, float[] Buffer)> NamedBuffers()
    {
        var list = new List<(string, float[])>();
        Collect(this, "", list, static m => m.OwnBuffers());
        return list;
    }

    /// <summary>The total number of trainable scalars.</summary>
    public int ParameterCount => NamedParameters().Sum(p => p.Tensor.Length);

    /// <summary>Sets training mode on this module and all descendants.</summary>
    /// <param name="training">True for training, false for evaluation.</param>
    /// <returns>This module.</returns>
    public Module Train(bool training = true)
    {
        IsTraining = training;
        foreach (var (_, child) in Children())
        {
            child.Train(training);
        }

        return this;
    }

    /// <summary>Sets evaluation mode (same as <c>Train(false)</c>).</summary>
    /// <returns>This module.</returns>
    public Module Eval() => Train(false);

    /// <summary>Zeroes the gradients of every parameter.</summary>
    public void ZeroGrad()
    {
        foreach (var (_, t) in NamedParameters())
        {
            t.ZeroGrad();
        }
    }

    /// <summary>Creates a parameter tensor (requires gradients, gradient buffer allocated) named for this module.</summary>
    /// <param name="name">The local name.</param>
    /// <param name="shape">The dimensions.</param>
    /// <returns>The zero-initialised parameter.</returns>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Part of the layer-writing API: a module makes its parameters; static would change the published signature.")]
    protected Tensor NewParameter(string name, params int[] shape)
    {
        var t = Tensor.Zeros(shape).RequireGrad();
        t.Name = name;
        return t;
    }

    private static void Collect<T>(Module m, string prefix, List<(string, T)> into, Func<Module, IEnumerable<(string, T)>> own)
    {
        foreach (var (name, item) in own(m))
        {
            into.Add((prefix + name, item));
        }

        foreach (var (name, child) in m.Children())
        {
            Collect(child, prefix + name + ".", into, own);
        }
    }
}
