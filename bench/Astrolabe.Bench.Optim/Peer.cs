using System.Diagnostics;
using System.Globalization;

namespace Astrolabe.Bench.Optim;

/// <summary>Runs peer_adam.py (PyTorch's Adam) with the interpreter named by PEER_PYTHON.</summary>
internal static class Peer
{
    /// <summary>Returns the peer's median seconds per step (foreach=True, foreach=False), null when it could not run; its info lines go to stdout.</summary>
    public static (double? Foreach, double? Single) AdamSeconds(int size, int threads, int repeats)
    {
        string python = Environment.GetEnvironmentVariable("PEER_PYTHON") is { Length: > 0 } p ? p : "/usr/bin/python3";
        string script = Path.Combine(AppContext.BaseDirectory, "peer_adam.py");
        var info = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in new[] { script, "--size", $"{size}", "--threads", $"{threads}", "--repeats", $"{repeats}" })
        {
            info.ArgumentList.Add(arg);
        }

        try
        {
            using var process = Process.Start(info)!;
            string stdout = process.StandardOutput.ReadToEnd();
            string stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            double? foreachSeconds = null, singleSeconds = null;
            foreach (string line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                if (line.StartsWith("median_s foreach=True ", StringComparison.Ordinal))
                {
                    foreachSeconds = double.Parse(line["median_s foreach=True ".Length..], CultureInfo.InvariantCulture);
                }
                else if (line.StartsWith("median_s foreach=False ", StringComparison.Ordinal))
                {
                    singleSeconds = double.Parse(line["median_s foreach=False ".Length..], CultureInfo.InvariantCulture);
                }
                else
                {
                    Console.WriteLine($"    peer: {line}");
                }
            }

            if (foreachSeconds is null || singleSeconds is null)
            {
                Console.WriteLine($"    peer failed (exit {process.ExitCode}): {stderr.Trim()}");
            }

            return (foreachSeconds, singleSeconds);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Console.WriteLine($"    peer could not start '{python}': {e.Message}");
            return (null, null);
        }
    }
}
