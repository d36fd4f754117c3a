namespace Astrolabe.Nn;

/// <summary>
/// The gradient of a module's output with respect to its input rather than its parameters (saliency maps,
/// integrated gradients, sensitivity analysis): one forward pass of a batch, then one backward pass of a chosen
/// output gradient.
/// </summary>
public static class InputGradient
{
    /// <summary>
    /// Runs <paramref name="module"/> on <paramref name="input"/> in the module's current mode (call
    /// <see cref="Module.Eval"/> first for inference behaviour), asks <paramref name="outputGradient"/> for
    /// d objective / d output given the output's values, and back-propagates it to the input.
    /// </summary>
    /// <remarks>
    /// The parameters take no part in the backward pass: no work is spent on their gradients and their accumulated
    /// gradients are left exactly as they were. To that end they are held out of the graph for the duration of the
    /// call (and put back even when it throws), so no other thread may use the module meanwhile. The rows of a batch
    /// are independent in evaluation mode, so one call computes the gradients of many samples at once.
    /// </remarks>
    /// <param name="module">The module.</param>
    /// <param name="input">The input values, e.g. <c>[N, features]</c> or <c>[N, C, H, W]</c>; not modified.</param>
    /// <param name="outputGradient">Given the output (values only), returns d objective / d output with one element per output element.</param>
    /// <returns>The output and d objective / d input (one element per input element).</returns>
    /// <exception cref="InvalidOperationException">Called inside <see cref="GradMode.NoGrad"/>, where no graph is recorded.</exception>
    /// <exception cref="ArgumentException">The output gradient has the wrong length.</exception>
    public static (Tensor Output, float[] Gradient) Compute(Module module, Tensor input, Func<Tensor, float[]> outputGradient)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(outputGradient);
        if (!GradMode.IsEnabled)
        {
            throw new InvalidOperationException("InputGradient.Compute needs graph recording; it was called inside GradMode.NoGrad().");
        }

        var held = new List<Tensor>();
        foreach (var (_, p) in module.NamedParameters())
        {
            if (p.RequiresGrad && !held.Contains(p))
            {
                p.SetRequiresGrad(false);
                held.Add(p);
            }
        }

        try
        {
            var leaf = new Tensor(input.Data, input.Shape, requiresGrad: true);
            var output = module.Forward(leaf);
            var g = outputGradient(output.Detach());
            ArgumentNullException.ThrowIfNull(g, nameof(outputGradient));
            if (g.Length != output.Length)
            {
                throw new ArgumentException($"The output gradient has {g.Length} elements; the output {Shapes.Format(output.ShapeSpan)} has {output.Length}.", nameof(outputGradient));
            }

            if (!output.RequiresGrad)
            {
                // The output does not depend on the input (e.g. a module that ignores it).
                return (output.Detach(), new float[input.Length]);
            }

            output.Backward(g);
            return (output.Detach(), leaf.Grad ?? new float[input.Length]);
        }
        finally
        {
            foreach (var p in held)
            {
                p.SetRequiresGrad(true);
            }
        }
    }
}
