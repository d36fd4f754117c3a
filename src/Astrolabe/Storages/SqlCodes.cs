namespace Astrolabe;

/// <summary>
/// The numbers the database storages (SQLite, PostgreSQL) keep for trial states and attribute kinds, as SQL literals
/// for constant SQL text: <c>$"... WHERE state = {SqlCodes.Running}"</c>. Each state's literal is named as its
/// <see cref="TrialState"/> member and is that member's number (a test checks every member), so the SQL names
/// states as the code does.
/// </summary>
internal static class SqlCodes
{
    /// <summary><see cref="TrialState.Running"/>.</summary>
    public const string Running = "0";

    /// <summary><see cref="TrialState.Complete"/>.</summary>
    public const string Complete = "1";

    /// <summary><see cref="TrialState.Pruned"/>.</summary>
    public const string Pruned = "2";

    /// <summary><see cref="TrialState.Fail"/>.</summary>
    public const string Fail = "3";

    /// <summary><see cref="TrialState.Waiting"/>.</summary>
    public const string Waiting = "4";

    /// <summary><see cref="StoredAttrs.User"/>.</summary>
    public const string UserAttr = "0";

    /// <summary><see cref="StoredAttrs.System"/>.</summary>
    public const string SystemAttr = "1";
}
