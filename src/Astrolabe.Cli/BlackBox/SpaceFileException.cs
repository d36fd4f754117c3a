namespace Astrolabe.Cli.BlackBox;

/// <summary>A search-space file that cannot be used; the message names the file, the line and the field.</summary>
public sealed class SpaceFileException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public SpaceFileException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with an inner exception.</summary>
    public SpaceFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
