namespace Astrolabe;

/// <summary>
/// The PostgreSQL server cannot be used: it is unreachable, refused the credentials, or has no such
/// database. The message names the server, database and user, and the server's or the network's reason.
/// An <see cref="IOException"/>, so callers that treat I/O failures as "storage unavailable" handle it.
/// </summary>
public sealed class PostgresConnectionException : IOException
{
    /// <summary>Creates the exception.</summary>
    public PostgresConnectionException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public PostgresConnectionException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public PostgresConnectionException(string message)
        : base(message)
    {
    }
}
