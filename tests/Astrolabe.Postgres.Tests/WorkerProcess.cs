using System.Diagnostics;
using System.Globalization;

namespace Astrolabe.Postgres.Tests;

/// <summary>An <c>astrolabe worker</c> process (the command line's dll, run with <c>dotnet</c>).</summary>
internal sealed class WorkerProcess : IDisposable
{
    /// <summary>The test collection of the tests that start worker processes: they run one at a time, not to starve each other.</summary>
    public const string Collection = "worker processes";

    private readonly Process process;
    private readonly Task<string> stdout;
    private readonly Task<string> stderr;

    public WorkerProcess(string storageUrl, string study, int trials, int seed, params string[] extra)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Astrolabe.Cli.dll"));
        foreach (string a in new[] { "worker", "--storage", storageUrl, "--study", study, "--trials", trials.ToString(CultureInfo.InvariantCulture), "--seed", seed.ToString(CultureInfo.InvariantCulture) }.Concat(extra))
        {
            info.ArgumentList.Add(a);
        }

        process = Process.Start(info)!;
        stdout = process.StandardOutput.ReadToEndAsync();
        stderr = process.StandardError.ReadToEndAsync();
    }

    public int Id => process.Id;

    /// <summary>The "worker" user attribute a worker with this process id writes on its trials.</summary>
    public static string Name(int processId) => string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}:{processId}");

    /// <summary>SIGKILL: the process gets no chance to clean up, like a lost machine.</summary>
    public void Kill()
    {
        process.Kill();
        process.WaitForExit();
    }

    /// <summary>Waits for a normal end and checks it.</summary>
    public async Task FinishAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        string err = await stderr;
        Assert.True(process.ExitCode == 0, $"worker {Id} exited with {process.ExitCode}: {err}");
        Assert.Contains("Worker done", await stdout, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill();
        }

        process.Dispose();
    }
}
