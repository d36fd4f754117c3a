namespace Astrolabe.Optim.Tests;

public sealed class FolderCycleTests
{
    [Fact]
    public void NoFolderOfAstrolabeOptimUsesAFolderThatUsesIt()
    {
        var graph = FolderGraph.Read(SourceFolder("Astrolabe.Optim"), typeof(System.Numerics.Tensors.TensorPrimitives).Assembly);
        Assert.True(graph.Uses.ContainsKey("Optimizers") && graph.Uses["Optimizers"].ContainsKey("Core"), "The graph reader found no use of Core by Optimizers; it is not reading the sources.");
        var cycle = graph.FindCycle();
        Assert.True(cycle is null, cycle is null ? "" : $"Folder cycle {string.Join(" → ", cycle)}:\n{graph.Explain(cycle)}");
    }

    [Fact]
    public void TheReaderFindsACycleThroughAnExtensionMethodAndACref()
    {
        var graph = FolderGraph.FromSources(
        [
            ("A/Engine.cs", "namespace N; /// <summary>See <see cref=\"Helper\"/>.</summary>\npublic sealed class Engine { public void Run() { } }"),
            ("B/Helper.cs", "namespace N; public static class Helper { public static Engine Fast(this Engine e) => e; }"),
            ("C/User.cs", "namespace N; public static class User { public static void Go(Engine e) => e.Fast().Run(); }"),
        ]);
        Assert.Equal(["A", "B", "A"], graph.FindCycle());
        Assert.Equal(["Helper.Fast"], graph.Uses["C"]["B"]);
    }

    [Fact]
    public void AMethodNamedLikeATypeOfAnotherFolderIsNoDependency()
    {
        var graph = FolderGraph.FromSources(
        [
            ("A/Context.cs", "namespace N; /// <summary>Call <see cref=\"Scale\"/>.</summary>\npublic sealed class Context { public void Scale(double f) { } }"),
            ("B/Scale.cs", "namespace N; public sealed class Scale { public void Apply(Context c) => c.Scale(2); }"),
        ]);
        Assert.Null(graph.FindCycle());
        Assert.False(graph.Uses.ContainsKey("A"));
    }

    [Fact]
    public void SourcesThatDoNotCompileAreRefused() =>
        Assert.Contains("do not compile", Assert.Throws<InvalidOperationException>(() => FolderGraph.FromSources([("A/X.cs", "class X { Missing m; }")])).Message, StringComparison.Ordinal);

    /// <summary>The folder src/<paramref name="project"/> of the repository this test was built from.</summary>
    internal static string SourceFolder(string project)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Astrolabe.slnx")))
            {
                return Path.Combine(dir.FullName, "src", project);
            }
        }

        throw new DirectoryNotFoundException($"No Astrolabe.slnx above {AppContext.BaseDirectory}.");
    }
}
