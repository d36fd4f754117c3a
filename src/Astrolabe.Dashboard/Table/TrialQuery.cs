namespace Astrolabe.Dashboard;

/// <summary>
/// A request for one page of a study's trial table.
/// <para><see cref="Sort"/> names a column: <c>number</c>, <c>state</c>, <c>value</c> (or <c>value0</c>, <c>value1</c> …),
/// <c>duration</c>, <c>start</c> or a parameter. <see cref="Filter"/> holds comma-separated clauses
/// <c>column op literal</c> with op one of <c>= != &lt; &lt;= &gt; &gt;=</c>, e.g. <c>state=pruned, x&gt;0.5, act=relu</c>;
/// every clause must hold. Trials missing the column (no value, parameter not used) never match a clause and sort last.</para>
/// </summary>
public sealed record TrialQuery
{
    /// <summary>The most rows one page may hold.</summary>
    public const int MaxLimit = 1000;

    /// <summary>The column to sort by; trial number by default.</summary>
    public string Sort { get; init; } = "number";

    /// <summary>Sort largest first.</summary>
    public bool Descending { get; init; }

    /// <summary>The filter clauses; empty for all trials.</summary>
    public string Filter { get; init; } = "";

    /// <summary>How many matching rows to skip.</summary>
    public int Offset { get; init; }

    /// <summary>How many rows to return, 1 to <see cref="MaxLimit"/>.</summary>
    public int Limit { get; init; } = 50;

    /// <summary>Throws <see cref="ArgumentException"/> for an offset or limit out of range.</summary>
    public void Validate()
    {
        if (Offset < 0)
        {
            throw new ArgumentException($"offset must be ≥ 0, got {Offset}.");
        }

        if (Limit is < 1 or > MaxLimit)
        {
            throw new ArgumentException($"limit must be in [1, {MaxLimit}], got {Limit}.");
        }
    }
}
