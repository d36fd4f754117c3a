using System.Diagnostics;

namespace Astrolabe.Bench.ModelSearch;

/// <summary>Wall-clock and process CPU time (all threads) since it was started.</summary>
internal sealed class Clock
{
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private readonly TimeSpan _cpu0 = Cpu();

    /// <summary>Elapsed wall seconds and process CPU seconds.</summary>
    public (double Wall, double Cpu) Elapsed() => (_wall.Elapsed.TotalSeconds, (Cpu() - _cpu0).TotalSeconds);

    private static TimeSpan Cpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
