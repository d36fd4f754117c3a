using System.Data.Common;

namespace Astrolabe;

/// <summary>
/// How the database storages (SQLite, PostgreSQL) keep the attributes of studies and trials: one row per owner,
/// kind and key, with the value as JSON (<see cref="JsonValues"/>). Both write and read the rows through this, so
/// they agree on the kinds, on which keys and values are refused, and on how a value comes back.
/// </summary>
internal static class StoredAttrs
{
    /// <summary>The kind of a user attribute.</summary>
    public const int User = 0;

    /// <summary>The kind of a system attribute.</summary>
    public const int System = 1;

    /// <summary>The kind of a user (<paramref name="user"/>) or system attribute.</summary>
    public static int Kind(bool user) => user ? User : System;

    /// <summary>
    /// The stored JSON of an attribute's value; throws <see cref="ArgumentException"/>, before anything is written,
    /// for an empty key or a value no storage could keep.
    /// </summary>
    public static string Encode(string key, object? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return JsonValues.Serialize(value);
    }

    /// <summary>The attributes of rows (key, JSON value) read by <paramref name="reader"/>, by key.</summary>
    public static Dictionary<string, object?> Read(DbDataReader reader)
    {
        var result = new Dictionary<string, object?>();
        while (reader.Read())
        {
            result[reader.GetString(0)] = JsonValues.Deserialize(reader.GetString(1));
        }

        return result;
    }
}
