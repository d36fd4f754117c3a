using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Astrolabe;

/// <summary>
/// A forward-only read of one query through SQLite's C interface, inside an open transaction,
/// for loads of many rows. Microsoft.Data.Sqlite's reader makes two native calls per column read (the
/// value's type, then the value) and one more per row; this one makes one per column, and hands out text as
/// its UTF-8 bytes so that texts that repeat from row to row need not each become a string.
/// </summary>
internal sealed class SqliteRows : IDisposable
{
    private readonly sqlite3 db;
    private readonly sqlite3_stmt statement;

    /// <summary>Prepares <paramref name="sql"/> on the transaction's connection and binds @p0, @p1 … to <paramref name="args"/>.</summary>
    public SqliteRows(SqliteTransaction transaction, string sql, params long[] args)
    {
        db = transaction.Connection?.Handle ?? throw new InvalidOperationException("The transaction has ended.");
        Check(raw.sqlite3_prepare_v2(db, sql, out statement));
        for (int i = 0; i < args.Length; i++)
        {
            Check(raw.sqlite3_bind_int64(statement, raw.sqlite3_bind_parameter_index(statement, $"@p{i}"), args[i]));
        }
    }

    /// <summary>Moves to the next row; false after the last.</summary>
    public bool Read()
    {
        int rc = raw.sqlite3_step(statement);
        Check(rc);
        return rc == raw.SQLITE_ROW;
    }

    /// <summary>Whether a column of the current row is NULL.</summary>
    public bool IsNull(int column) => raw.sqlite3_column_type(statement, column) == raw.SQLITE_NULL;

    /// <summary>A column as an integer (0 for NULL).</summary>
    public long Int64(int column) => raw.sqlite3_column_int64(statement, column);

    /// <summary>A column as a double (0 for NULL).</summary>
    public double Double(int column) => raw.sqlite3_column_double(statement, column);

    /// <summary>A text column's UTF-8 bytes, valid until the next <see cref="Read"/> (empty for NULL).</summary>
    public ReadOnlySpan<byte> Utf8(int column) => raw.sqlite3_column_blob(statement, column);

    /// <summary>Finalizes the statement.</summary>
    public void Dispose() => statement.Dispose();

    /// <summary>Throws the error a result code stands for (OK, ROW and DONE are none).</summary>
    private void Check(int rc) => SqliteException.ThrowExceptionForRC(rc, db);
}
