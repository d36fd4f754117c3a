namespace Astrolabe;

/// <content>Opening an existing storage only to read it.</content>
public sealed partial class PostgresStorage
{
    /// <summary>
    /// Opens an existing Astrolabe storage only to read it: never creates a table, never migrates, and sees
    /// what writers commit meanwhile. Every call that would write (heartbeats and failing stale trials
    /// included) throws <see cref="InvalidOperationException"/> before anything is sent, and the server runs
    /// the connections' transactions read-only as well. Takes what the constructor takes and throws what it
    /// throws; besides, throws <see cref="InvalidDataException"/>, naming the database and server, when the
    /// schemas of the search path hold no Astrolabe storage, hold Optuna's, hold an incomplete one, or one
    /// written by a newer version of Astrolabe.
    /// </summary>
    public static PostgresStorage OpenReadOnly(string connection) => new(connection, readOnly: true);

    /// <summary>Whether this storage was opened with <see cref="OpenReadOnly"/>.</summary>
    public bool IsReadOnly { get; }

    /// <summary>Throws when this storage was opened read-only.</summary>
    private void EnsureWritable()
    {
        if (IsReadOnly)
        {
            throw new InvalidOperationException($"The {Source} is opened read-only; it cannot be changed.");
        }
    }
}
