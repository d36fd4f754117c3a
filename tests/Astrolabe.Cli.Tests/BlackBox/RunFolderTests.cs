using Astrolabe.Cli.BlackBox;

namespace Astrolabe.Cli.Tests.BlackBox;

public sealed class RunFolderTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("astrolabe-runs-").FullName;

    [Fact]
    public void AFolderIsDeletedWithItsRunAndAnAbandonedOneByTheNextRun()
    {
        using var live = RunFolder.Create(root);
        File.WriteAllText(Path.Combine(live.Path, "trial-1.json"), "{}");

        // A run killed with -9: its folder and lock file stay, but nothing holds the lock any more.
        string dead = Path.Combine(root, RunFolder.Prefix + "12345-dead");
        Directory.CreateDirectory(dead);
        File.WriteAllText(Path.Combine(dead, ".lock"), "");
        File.WriteAllText(Path.Combine(dead, "trial-7.json"), "{}");

        using (var next = RunFolder.Create(root))
        {
            Assert.False(Directory.Exists(dead));
            Assert.True(File.Exists(Path.Combine(live.Path, "trial-1.json")), "a live run's folder was deleted");
            Assert.True(Directory.Exists(next.Path));
            Assert.Equal(0, RunFolder.DeleteAbandoned(root));
        }

        Assert.Equal([live.Path], Directory.GetDirectories(root));
    }

    public void Dispose() => Directory.Delete(root, recursive: true);
}
