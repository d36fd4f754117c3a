namespace Astrolabe.Nn.Training;

/// <summary>Thrown when a training loss is NaN or infinite; the message names the first layer that went wrong.</summary>
public sealed class NonFiniteLossException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NonFiniteLossException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public NonFiniteLossException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="inner">The cause.</param>
    public NonFiniteLossException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>The name of the first layer with a non-finite parameter or output, or null when none was found.</summary>
    public string? Layer { get; init; }

    internal static NonFiniteLossException Diagnose(Module model, Tensor inputs, float loss, int epoch, int batch)
    {
        string where = $"epoch {epoch}, batch {batch}";
        using var _ = GradMode.NoGrad();
        var layers = model is Sequential s ? s.Layers : [model];
        var x = inputs;
        if (!AllFinite(x.Data))
        {
            return new NonFiniteLossException($"The loss is {loss} at {where}: the input batch contains NaN or infinite values.");
        }

        foreach (var layer in layers)
        {
            if (layer.NamedParameters().FirstOrDefault(p => !AllFinite(p.Tensor.Data)) is { Tensor: not null } bad)
            {
                return new NonFiniteLossException(
                    $"The loss is {loss} at {where}: parameter '{bad.Name}' of {layer.Name} is NaN or infinite (learning rate too high?).")
                { Layer = layer.Name };
            }

            x = layer.Forward(x);
            if (!AllFinite(x.Data))
            {
                return new NonFiniteLossException(
                    $"The loss is {loss} at {where}: the output of {layer.Name} is the first to contain NaN or infinite values.")
                { Layer = layer.Name };
            }
        }

        return new NonFiniteLossException($"The loss is {loss} at {where}: every layer output is finite, so the loss function itself overflowed.");
    }

    private static bool AllFinite(float[] values)
    {
        foreach (float v in values)
        {
            if (!float.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }
}
