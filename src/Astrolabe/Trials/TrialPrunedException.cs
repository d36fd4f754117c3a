namespace Astrolabe;

/// <summary>
/// Thrown by an objective to stop its trial early, usually after <see cref="Trial.ShouldPrune"/> said so.
/// The study records the trial as <see cref="TrialState.Pruned"/> with its last reported value.
/// </summary>
public sealed class TrialPrunedException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public TrialPrunedException()
        : base("The trial was pruned.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TrialPrunedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public TrialPrunedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
