namespace Astrolabe.Nn;

/// <summary>Sends the gradient of an operation's output (already in <c>output.Grad</c>) to its parents.</summary>
/// <param name="output">The tensor the operation produced.</param>
internal delegate void BackwardFunction(Tensor output);

public sealed partial class Tensor
{
    private Tensor[]? _parents;
    private BackwardFunction? _backward;

    /// <summary>Whether this tensor was produced by a recorded operation (it is not a leaf).</summary>
    public bool IsInGraph => _backward is not null;

    /// <summary>
    /// Wraps an operation's result. When recording is on and some parent requires gradients, the result remembers its
    /// parents and <paramref name="backward"/>; otherwise it is a plain constant.
    /// </summary>
    internal static Tensor FromOp(float[] data, int[] shape, BackwardFunction backward, params Tensor[] parents)
    {
        var result = new Tensor(data, shape, requiresGrad: false, owned: true);
        if (GradMode.IsEnabled && AnyRequiresGrad(parents))
        {
            result.RequiresGrad = true;
            result._parents = parents;
            result._backward = backward;
        }

        return result;
    }

    /// <summary>
    /// Counts an operation for the active <see cref="FlopCounter"/>: its forward <paramref name="flops"/> now and, when
    /// this result takes part in a backward pass, <paramref name="backwardFlops"/> (read then: they depend on which
    /// operands need gradients) as the operation's backward. Does nothing without an active counter.
    /// </summary>
    internal Tensor CountFlops(string operation, long flops, Func<long> backwardFlops)
    {
        if (!FlopCounter.IsActive)
        {
            return this;
        }

        FlopCounter.Add(operation, flops, isBackward: false);
        if (_backward is { } inner)
        {
            _backward = o =>
            {
                FlopCounter.Add(operation, backwardFlops(), isBackward: true);
                inner(o);
            };
        }

        return this;
    }

    /// <summary>
    /// <see cref="CountFlops(string, long, Func{long})"/> for an operation whose backward costs <paramref name="flops"/>
    /// for each of <paramref name="first"/> and <paramref name="second"/> that needs a gradient (a product's two
    /// operands). Makes no delegate unless a counter is active.
    /// </summary>
    internal Tensor CountFlops(string operation, long flops, Tensor first, Tensor second) => !FlopCounter.IsActive
        ? this
        : CountFlops(operation, flops, () => flops * ((first.RequiresGrad ? 1 : 0) + (second.RequiresGrad ? 1 : 0)));

    private static bool AnyRequiresGrad(Tensor[] parents)
    {
        foreach (var p in parents)
        {
            if (p.RequiresGrad)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The gradient buffer, zeroed on first use: a leaf's is its own array, an intermediate tensor's comes from
    /// <see cref="GradPool"/> and goes back to it once the tensor's backward step has run.
    /// </summary>
    internal float[] GradBuffer()
    {
        ThrowIfSparse();
        if (Grad is null)
        {
            if (_backward is null)
            {
                Grad = new float[Length];
            }
            else
            {
                Grad = TensorMemory.Temporary(Length);
                Array.Clear(Grad);
            }
        }

        return Grad;
    }

    /// <summary>
    /// The gradient buffer for an operation that can either write or add its contribution: when
    /// <paramref name="fresh"/> comes back true, nothing has been written to the buffer in this pass and its contents
    /// are arbitrary, so the caller must overwrite every element (saving the zeroing and a read); otherwise the caller
    /// adds to it, as with <see cref="GradBuffer"/>.
    /// </summary>
    internal float[] GradTarget(out bool fresh)
    {
        ThrowIfSparse();
        fresh = Grad is null;
        return Grad ??= _backward is null ? GC.AllocateUninitializedArray<float>(Length) : TensorMemory.Temporary(Length);
    }

    private void ThrowIfSparse()
    {
        if (SparseGrad is not null)
        {
            throw new InvalidOperationException(
                $"Tensor '{Name ?? "?"}' [{string.Join(", ", _shape)}] keeps a row-sparse gradient (an embedding built with sparse gradients): only Embedding and EmbeddingBag lookups can send gradient to it, not this operation.");
        }
    }

    /// <summary>
    /// Back-propagates from this tensor with an initial gradient of ones (for a scalar loss: dLoss/dLoss = 1).
    /// Gradients accumulate into every leaf that requires them; call <see cref="ZeroGrad"/> (or the optimizer's) between steps.
    /// </summary>
    public void Backward() => Backward(null);

    /// <summary>
    /// Back-propagates <paramref name="gradOutput"/> (d objective / d this tensor) through the recorded graph.
    /// Gradients of intermediate tensors are released after use; leaves accumulate theirs.
    /// </summary>
    /// <param name="gradOutput">The incoming gradient, same length as this tensor; null means all ones.</param>
    /// <exception cref="InvalidOperationException">This tensor does not require gradients.</exception>
    public void Backward(float[]? gradOutput)
    {
        if (!RequiresGrad)
        {
            throw new InvalidOperationException(
                "Backward() on a tensor that does not require gradients: no input of its graph requires them, or it was computed under GradMode.NoGrad().");
        }

        if (gradOutput is not null && gradOutput.Length != Length)
        {
            throw new ArgumentException($"gradOutput has {gradOutput.Length} elements, the tensor {Length}.", nameof(gradOutput));
        }

        var g = GradBuffer();
        if (gradOutput is null)
        {
            for (int i = 0; i < g.Length; i++)
            {
                g[i] += 1f;
            }
        }
        else
        {
            System.Numerics.Tensors.TensorPrimitives.Add(g, gradOutput, g);
        }

        var order = TopologicalOrder();
        for (int i = order.Count - 1; i >= 0; i--)
        {
            var node = order[i];
            if (node.Grad is null)
            {
                continue;
            }

            node._backward!(node);
            var used = node.Grad;
            node.Grad = null;
            TensorMemory.Release(used);
        }

        ReturnScratch(order);
    }

    // The traversal's collections are kept per thread between passes (a backward pass must not allocate them anew);
    // a nested pass (a backward function that itself back-propagates) finds them taken and makes its own.
    [ThreadStatic]
    private static List<Tensor>? t_order;

    [ThreadStatic]
    private static HashSet<Tensor>? t_visited;

    [ThreadStatic]
    private static Stack<(Tensor Node, int NextParent)>? t_stack;

    private static void ReturnScratch(List<Tensor> order)
    {
        order.Clear();
        t_order = order;
    }

    /// <summary>The recorded nodes reachable from this one, parents before children (iterative depth-first search).</summary>
    private List<Tensor> TopologicalOrder()
    {
        var order = t_order ?? [];
        t_order = null;
        var visited = t_visited ?? new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        t_visited = null;
        var stack = t_stack ?? new Stack<(Tensor Node, int NextParent)>();
        t_stack = null;
        try
        {
            if (_backward is not null)
            {
                Visit(order, visited, stack);
            }
        }
        finally
        {
            visited.Clear();
            stack.Clear();
            t_visited = visited;
            t_stack = stack;
        }

        return order;
    }

    private void Visit(List<Tensor> order, HashSet<Tensor> visited, Stack<(Tensor Node, int NextParent)> stack)
    {
        stack.Push((this, 0));
        visited.Add(this);
        while (stack.Count > 0)
        {
            var (node, next) = stack.Pop();
            var parents = node._parents!;
            if (next < parents.Length)
            {
                stack.Push((node, next + 1));
                var p = parents[next];
                if (p._backward is not null && visited.Add(p))
                {
                    stack.Push((p, 0));
                }
            }
            else
            {
                order.Add(node);
            }
        }
    }
}
