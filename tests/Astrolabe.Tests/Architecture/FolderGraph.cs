using System.Text.RegularExpressions;

namespace Astrolabe.Tests.Architecture;

/// <summary>
/// Which folder of a C# source tree uses which, read from the source: folder A uses folder B when the code of a file
/// in A names a type declared in B. Comments (XML docs included) and literal text do not count; the names are
/// compared as words, so a member named like a type counts as a use of that type, except after a '.' (member access).
/// </summary>
internal sealed partial class FolderGraph
{
    private FolderGraph(IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlySet<string>>> uses, IReadOnlyDictionary<string, IReadOnlySet<string>> declarations)
    {
        Uses = uses;
        Declarations = declarations;
    }

    /// <summary>For each folder, the other folders it uses, each with the type names that make it so.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlySet<string>>> Uses { get; }

    /// <summary>For each type name, the folders that declare a type of that name.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> Declarations { get; }

    /// <summary>The folders of the graph: those with source files.</summary>
    public IEnumerable<string> Folders => Uses.Keys;

    /// <summary>
    /// Reads every <c>*.cs</c> file below <paramref name="root"/> (not under bin/ or obj/). A file's folder is its
    /// directory relative to the root, with '/' between the parts ("" for the root itself), cut to its first
    /// <paramref name="depth"/> parts when a depth is given.
    /// </summary>
    public static FolderGraph Read(string root, int? depth = null) =>
        FromSources(Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("bin/", StringComparison.Ordinal) && !f.StartsWith("obj/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => (Folder(f, depth), File.ReadAllText(Path.Combine(root, f)))));

    /// <summary>Builds the graph from (folder, source text) pairs.</summary>
    public static FolderGraph FromSources(IEnumerable<(string Folder, string Source)> files)
    {
        var code = files.Select(f => (f.Folder, Code: CodeText.Strip(f.Source))).ToList();
        var declared = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (folder, text) in code)
        {
            foreach (Match m in Declaration().Matches(text))
            {
                string name = m.Groups["name"].Value;
                (declared.TryGetValue(name, out var set) ? set : declared[name] = []).Add(folder);
            }
        }

        var uses = new Dictionary<string, Dictionary<string, HashSet<string>>>(StringComparer.Ordinal);
        foreach (var (folder, text) in code)
        {
            var mine = uses.TryGetValue(folder, out var u) ? u : uses[folder] = new(StringComparer.Ordinal);
            foreach (Match m in Identifier().Matches(text))
            {
                // A name declared here is this folder's own; a name declared in several other folders uses them all.
                if (!declared.TryGetValue(m.Value, out var owners) || owners.Contains(folder))
                {
                    continue;
                }

                foreach (string owner in owners)
                {
                    (mine.TryGetValue(owner, out var names) ? names : mine[owner] = new(StringComparer.Ordinal)).Add(m.Value);
                }
            }
        }

        return new FolderGraph(
            uses.ToDictionary(
                kv => kv.Key,
                kv => (IReadOnlyDictionary<string, IReadOnlySet<string>>)kv.Value.ToDictionary(x => x.Key, x => (IReadOnlySet<string>)x.Value),
                StringComparer.Ordinal),
            declared.ToDictionary(kv => kv.Key, kv => (IReadOnlySet<string>)kv.Value, StringComparer.Ordinal));
    }

    /// <summary>A cycle of folders (its first folder repeated at the end), or null when the graph has none.</summary>
    public IReadOnlyList<string>? FindCycle()
    {
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: on the path; true: done
        var path = new List<string>();
        foreach (string start in Uses.Keys.Order(StringComparer.Ordinal))
        {
            if (Visit(start) is { } cycle)
            {
                return cycle;
            }
        }

        return null;

        List<string>? Visit(string folder)
        {
            if (state.TryGetValue(folder, out bool done))
            {
                return done ? null : [.. path.Skip(path.IndexOf(folder)), folder];
            }

            state[folder] = false;
            path.Add(folder);
            foreach (string next in (Uses.TryGetValue(folder, out var u) ? u.Keys : []).Order(StringComparer.Ordinal))
            {
                if (Visit(next) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[folder] = true;
            return null;
        }
    }

    /// <summary>A cycle spelled with the type names behind each step, e.g. "A -(T)-> B -(U)-> A".</summary>
    public string Describe(IReadOnlyList<string> cycle) =>
        cycle[0] + string.Concat(cycle.Zip(cycle.Skip(1), (from, to) =>
            $" -({string.Join(", ", Uses[from][to].Order(StringComparer.Ordinal))})-> {to}"));

    private static string Folder(string relativePath, int? depth)
    {
        string[] parts = relativePath.Split('/')[..^1];
        return string.Join('/', depth is { } d ? parts.Take(d) : parts);
    }

    [GeneratedRegex(@"\b(?:class|struct|interface|enum|record)\s+(?:(?:class|struct)\s+)?(?<name>[A-Z]\w*)")]
    private static partial Regex Declaration();

    /// <summary>
    /// A name, unless it follows a '.' (a member access names a member of a type named before the dot) or is called
    /// or declared as a method, <c>Sigmoid(x)</c>, other than by <c>new</c> (which names a type).
    /// </summary>
    [GeneratedRegex(@"(?<!\.\s*)\b(?:(?<=\bnew\s+)[A-Za-z_]\w*|[A-Za-z_]\w*(?!\w)(?!\s*\())")]
    private static partial Regex Identifier();
}
