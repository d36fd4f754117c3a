using Microsoft.Extensions.Logging;

namespace Astrolabe.Tests.Samplers.CmaEs;

/// <summary>Collects formatted log messages by level.</summary>
internal sealed class ListLogger : ILogger
{
    private readonly List<(LogLevel Level, string Message)> entries = [];

    public IReadOnlyList<string> Warnings
    {
        get
        {
            lock (entries)
            {
                return entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message).ToList();
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (entries)
        {
            entries.Add((logLevel, formatter(state, exception)));
        }
    }
}
