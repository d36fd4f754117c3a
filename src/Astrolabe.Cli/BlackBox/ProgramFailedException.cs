namespace Astrolabe.Cli.BlackBox;

/// <summary>The trial's program crashed, timed out or printed no value; the trial fails and the study goes on.</summary>
public sealed class ProgramFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ProgramFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with an inner exception.</summary>
    public ProgramFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
