using System.Globalization;

namespace Astrolabe.Cli.BlackBox;

/// <summary>
/// The temporary folder of one run of a command that runs programs (<c>astrolabe-run-…</c> in the temp folder): the
/// parameter files of its trials go there, and it is deleted when the run ends. A run killed before that (kill -9,
/// a lost machine) leaves its folder behind, and the next run to start deletes it. Each folder holds a lock file
/// that its run keeps locked while it lives, and only folders whose lock is free are deleted, so a run never
/// deletes the folder of a run still going, on this machine or in another container sharing the temp folder.
/// </summary>
internal sealed class RunFolder : IDisposable
{
    /// <summary>The prefix of run folders' names.</summary>
    public const string Prefix = "astrolabe-run-";

    private const string LockName = ".lock";
    private const string StagingPrefix = "astrolabe-new-";

    private readonly FileStream lockFile;

    private RunFolder(string path, FileStream lockFile)
    {
        Path = path;
        this.lockFile = lockFile;
    }

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>Deletes the folders of runs that ended without deleting theirs, then creates this run's (under <paramref name="root"/>, by default the temp folder).</summary>
    public static RunFolder Create(string? root = null)
    {
        root ??= System.IO.Path.GetTempPath();
        DeleteAbandoned(root);
        string name = string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId}-{Guid.NewGuid():N}");

        // The folder is created and locked under a name no other run looks at, then renamed: every folder with the
        // run prefix has been locked since before it had that name.
        string staging = Directory.CreateDirectory(System.IO.Path.Combine(root, StagingPrefix + name)).FullName;
        var lockFile = new FileStream(System.IO.Path.Combine(staging, LockName), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        string path = System.IO.Path.Combine(root, Prefix + name);
        try
        {
            Directory.Move(staging, path);
        }
        catch
        {
            lockFile.Dispose();
            Directory.Delete(staging, recursive: true);
            throw;
        }

        return new RunFolder(path, lockFile);
    }

    /// <summary>Deletes the run folders under <paramref name="root"/> whose runs have ended; returns how many.</summary>
    public static int DeleteAbandoned(string root)
    {
        ArgumentNullException.ThrowIfNull(root);
        int deleted = 0;
        IEnumerable<string> folders;
        try
        {
            folders = Directory.EnumerateDirectories(root, Prefix + "*").ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }

        foreach (var folder in folders)
        {
            try
            {
                using (new FileStream(System.IO.Path.Combine(folder, LockName), FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                {
                    // Free: the run that held it has ended.
                }

                Directory.Delete(folder, recursive: true);
                deleted++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Locked by a live run, not ours to delete, or deleted by another run meanwhile.
            }
        }

        return deleted;
    }

    /// <summary>Unlocks and deletes the folder.</summary>
    public void Dispose()
    {
        lockFile.Dispose();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Another run saw the free lock first and deleted it.
        }
    }
}
