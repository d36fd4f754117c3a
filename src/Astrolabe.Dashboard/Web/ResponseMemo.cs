using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Astrolabe.Dashboard;

/// <summary>
/// Remembers computed responses per snapshot: while a study does not change, a repeated plot or table
/// request costs a lookup. Entries go with their snapshot; at most <see cref="MaxEntries"/> per snapshot.
/// </summary>
internal static class ResponseMemo
{
    private const int MaxEntries = 256;

    private static readonly ConditionalWeakTable<StudySnapshot, ConcurrentDictionary<string, string>> Memo = [];

    public static string Get(StudySnapshot study, string key, Func<string> compute)
    {
        var entries = Memo.GetValue(study, _ => new ConcurrentDictionary<string, string>(StringComparer.Ordinal));
        if (entries.TryGetValue(key, out var found))
        {
            return found;
        }

        string value = compute();
        if (entries.Count >= MaxEntries)
        {
            entries.Clear();
        }

        entries[key] = value;
        return value;
    }
}
