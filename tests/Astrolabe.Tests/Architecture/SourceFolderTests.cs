namespace Astrolabe.Tests.Architecture;

/// <summary>
/// The folders of the core library depend on each other one way: no folder uses a folder that uses it, whether
/// folders are taken whole (Samplers with everything below it) or one directory at a time (Samplers/Tpe).
/// </summary>
public sealed class SourceFolderTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(null)]
    public void TheCoreLibraryHasNoFolderCycle(int? depth)
    {
        var graph = FolderGraph.Read(SourceRoot("Astrolabe"), depth);

        Assert.Contains("Studies", graph.Folders);
        var cycle = graph.FindCycle();

        Assert.True(cycle is null, cycle is null ? null : $"Folder cycle: {graph.Describe(cycle)}");
    }

    [Theory]
    [InlineData("Astrolabe.Sqlite")]
    [InlineData("Astrolabe.Postgres")]
    [InlineData("Astrolabe.Optim")]
    [InlineData("Astrolabe.Nn")]
    [InlineData("Astrolabe.ModelSearch")]
    [InlineData("Astrolabe.Onnx")]
    [InlineData("Astrolabe.Dashboard")]
    [InlineData("Astrolabe.Cli")]
    public void NoOtherLibraryHasAFolderCycle(string project)
    {
        var graph = FolderGraph.Read(SourceRoot(project), depth: 1);

        var cycle = graph.FindCycle();

        Assert.True(cycle is null, cycle is null ? null : $"Folder cycle in {project}: {graph.Describe(cycle)}");
    }

    [Fact]
    public void StudiesKnowStoragesAndStoragesKnowTrials()
    {
        var graph = FolderGraph.Read(SourceRoot("Astrolabe"), depth: 1);

        Assert.Contains("Storages", graph.Uses["Studies"].Keys);
        Assert.Contains("Trials", graph.Uses["Storages"].Keys);
    }

    /// <summary>src/<paramref name="project"/> of the repository that holds this test's build output.</summary>
    private static string SourceRoot(string project)
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
