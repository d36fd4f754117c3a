using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Astrolabe.Optim.Tests;

/// <summary>
/// Which folder of a C# project uses which: folder A uses folder B when code in A (or a <c>cref</c> in its
/// documentation) refers to a type declared in B or to a member of such a type, extension methods included. Names are
/// resolved by the compiler, so a method that shares its name with a type of another folder is no dependency.
/// </summary>
internal sealed class FolderGraph
{
    private static readonly string[] ImplicitUsings =
        ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks"];

    private FolderGraph(IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlySet<string>>> uses) => Uses = uses;

    /// <summary>For each folder, the folders it uses, each with the names (type or type.member) that make it so.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlySet<string>>> Uses { get; }

    /// <summary>Reads every <c>*.cs</c> file below <paramref name="root"/> (bin and obj left out); a file's folder is its first path segment ("" for the root).</summary>
    /// <param name="root">The project folder.</param>
    /// <param name="references">Assemblies the sources use beyond the runtime's.</param>
    public static FolderGraph Read(string root, params Assembly[] references) =>
        FromSources(
            Directory.GetFiles(root, "*.cs", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
                .Where(f => !f.StartsWith("bin/", StringComparison.Ordinal) && !f.StartsWith("obj/", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .Select(f => (f, File.ReadAllText(Path.Combine(root, f)))),
            references);

    /// <summary>Builds the graph from (relative path, source text) pairs.</summary>
    /// <exception cref="InvalidOperationException">The sources do not compile, so some names could not be resolved.</exception>
    public static FolderGraph FromSources(IEnumerable<(string Path, string Source)> files, params Assembly[] references)
    {
        var options = new CSharpParseOptions(LanguageVersion.Preview, DocumentationMode.Parse);
        var trees = files.Select(f => CSharpSyntaxTree.ParseText(f.Source, options, f.Path)).ToList();
        var usings = CSharpSyntaxTree.ParseText(string.Concat(ImplicitUsings.Select(u => $"global using {u};\n")), options, "<implicit usings>");
        var compilation = CSharpCompilation.Create(
            "FolderGraph",
            [.. trees, usings],
            References(references),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Take(5).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("The sources do not compile, so the graph would miss names:\n" + string.Join('\n', errors));
        }

        var uses = new Dictionary<string, Dictionary<string, HashSet<string>>>();
        foreach (var tree in trees)
        {
            string from = Folder(tree.FilePath);
            var model = compilation.GetSemanticModel(tree);
            foreach (var name in tree.GetRoot().DescendantNodes(descendIntoTrivia: true).OfType<SimpleNameSyntax>())
            {
                var info = model.GetSymbolInfo(name);
                var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
                var type = symbol as INamedTypeSymbol ?? symbol?.ContainingType;
                if (type is null)
                {
                    continue;
                }

                type = type.OriginalDefinition;
                foreach (string to in type.DeclaringSyntaxReferences.Select(r => Folder(r.SyntaxTree.FilePath)).Distinct())
                {
                    if (to != from)
                    {
                        var mine = uses.TryGetValue(from, out var u) ? u : uses[from] = [];
                        (mine.TryGetValue(to, out var why) ? why : mine[to] = []).Add(ReferenceEquals(symbol, type) || symbol is INamedTypeSymbol ? type.Name : $"{type.Name}.{symbol!.Name}");
                    }
                }
            }
        }

        return new FolderGraph(uses.ToDictionary(
            kv => kv.Key,
            kv => (IReadOnlyDictionary<string, IReadOnlySet<string>>)kv.Value.ToDictionary(x => x.Key, x => (IReadOnlySet<string>)x.Value)));
    }

    /// <summary>A cycle of folders (the first folder repeated at the end), or null when the graph has none.</summary>
    public IReadOnlyList<string>? FindCycle()
    {
        var state = new Dictionary<string, int>();
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
            state.TryGetValue(folder, out int s);
            if (s == 2)
            {
                return null;
            }

            if (s == 1)
            {
                return [.. path.Skip(path.IndexOf(folder)), folder];
            }

            state[folder] = 1;
            path.Add(folder);
            foreach (string next in (Uses.TryGetValue(folder, out var u) ? u.Keys : []).Order(StringComparer.Ordinal))
            {
                if (Visit(next) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[folder] = 2;
            return null;
        }
    }

    /// <summary>Describes a cycle edge by edge, with the names behind each edge.</summary>
    public string Explain(IReadOnlyList<string> cycle) =>
        string.Join('\n', cycle.Zip(cycle.Skip(1)).Select(e => $"{Show(e.First)} → {Show(e.Second)}: {string.Join(", ", Uses[e.First][e.Second].Order(StringComparer.Ordinal))}"));

    private static string Show(string folder) => folder.Length == 0 ? "(root)" : folder;

    private static string Folder(string relativePath)
    {
        int slash = relativePath.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? "" : relativePath[..slash];
    }

    private static IEnumerable<MetadataReference> References(IEnumerable<Assembly> extra) =>
        ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Concat(extra.Select(a => a.Location))
            .Distinct(StringComparer.Ordinal)
            .Select(p => MetadataReference.CreateFromFile(p));
}
