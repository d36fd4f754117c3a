namespace Astrolabe;

/// <summary>Thrown by <see cref="Study.Ask"/> when the sampler has no point left to give (an exhausted grid).</summary>
public sealed class SamplerExhaustedException : InvalidOperationException
{
    /// <summary>Creates the exception with a default message.</summary>
    public SamplerExhaustedException()
        : base("The sampler has no point left: every point of its search space has been handed out.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public SamplerExhaustedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public SamplerExhaustedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
