using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Astrolabe.Postgres.Tests;

/// <summary>An <c>astrolabe worker</c> process (the command line's dll, run with <c>dotnet</c>).</summary>
internal sealed partial class WorkerProcess : IDisposable
{
    /// <summary>The test collection of the tests that start worker processes: they run one at a time, not to starve each other.</summary>
    public const string Collection = "worker processes";

    private const int SigStop = 19;
    private const int SigCont = 18;

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
        Id = process.Id;
        stdout = process.StandardOutput.ReadToEndAsync();
        stderr = process.StandardError.ReadToEndAsync();
    }

    public int Id { get; }

    /// <summary>The worker's name, as its trials' <see cref="SystemAttrKeys.Worker"/> (and the command line's "worker" user attribute) give it.</summary>
    public string Name => string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}:{Id}");

    /// <summary>SIGKILL: the process gets no chance to clean up, like a lost machine.</summary>
    public void Kill()
    {
        process.Kill();
        process.WaitForExit();
    }

    /// <summary>SIGSTOP: the process is frozen where it is (until <see cref="Continue"/>).</summary>
    public void Stop() => Signal(SigStop);

    /// <summary>SIGCONT: a stopped process goes on.</summary>
    public void Continue() => Signal(SigCont);

    /// <summary>Waits for a normal end, checks it, and returns what the worker printed.</summary>
    public async Task<string> FinishAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        string err = await stderr;
        Assert.True(process.ExitCode == 0, $"worker {Id} exited with {process.ExitCode}: {err}");
        string output = await stdout;
        Assert.Contains("Worker done", output, StringComparison.Ordinal);
        return output;
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill();
        }

        process.Dispose();
    }

    private void Signal(int signal)
    {
        if (Kill(Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill({Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
