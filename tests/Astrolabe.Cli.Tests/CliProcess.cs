using System.Diagnostics;

namespace Astrolabe.Cli.Tests;

/// <summary>Runs the built <c>astrolabe</c> command as a process of its own (<c>dotnet Astrolabe.Cli.dll …</c>), as a user would.</summary>
internal static class CliProcess
{
    /// <summary>
    /// Starts the command (or another <paramref name="program"/>) with its output on pipes; <paramref name="environment"/>
    /// adds variables (TMPDIR for its temp folder).
    /// </summary>
    public static Process Start(IEnumerable<string> args, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null, string? program = null)
    {
        var info = new ProcessStartInfo(program ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Directory.GetCurrentDirectory(),
        };
        if (program is null)
        {
            info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Astrolabe.Cli.dll"));
        }

        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info)!;
        process.StandardInput.Close();
        return process;
    }

    /// <summary>Runs the command to its end (at most two minutes) and returns its exit code and output.</summary>
    public static async Task<(int Code, string Out, string Err)> Run(IEnumerable<string> args, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null, string? program = null)
    {
        using var process = Start(args, workingDirectory, environment, program);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Waits until <paramref name="condition"/> holds; fails after <paramref name="seconds"/> (a guard, not a timing).</summary>
    public static async Task WaitUntil(Func<bool> condition, string what, int seconds = 120)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Gave up waiting: {what}.");
            await Task.Delay(50);
        }
    }

    /// <summary>True while a process runs (Linux: it has a /proc entry that is not a zombie's).</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            char state = stat[(stat.LastIndexOf(')') + 2)..][0];
            return state is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }
}
