using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Astrolabe;

/// <summary>
/// Records heartbeats, in the background, for the trials one <c>Optimize</c> call is running: once when a
/// trial starts and then every interval until it finishes. Runs on the thread pool, so a synchronous
/// objective that blocks its thread does not stop the heartbeats of its trial.
/// </summary>
internal sealed class HeartbeatKeeper : IAsyncDisposable
{
    private readonly ConcurrentDictionary<long, byte> running = new();
    private readonly CancellationTokenSource stop = new();
    private readonly IHeartbeatStorage storage;
    private readonly ILogger logger;
    private readonly Task loop;

    public HeartbeatKeeper(IHeartbeatStorage storage, TimeSpan interval, ILogger logger)
    {
        this.storage = storage;
        this.logger = logger;
        loop = Task.Run(() => BeatAsync(interval));
    }

    /// <summary>The storage the heartbeats go to.</summary>
    public IHeartbeatStorage Storage => storage;

    /// <summary>Starts beating for a trial (whose first heartbeat was recorded when it was created or claimed).</summary>
    public void Add(long trialId) => running[trialId] = 0;

    /// <summary>Stops beating for a finished trial.</summary>
    public void Remove(long trialId) => running.TryRemove(trialId, out _);

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        await loop.ConfigureAwait(false);
        stop.Dispose();
    }

    private async Task BeatAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token).ConfigureAwait(false))
            {
                foreach (long id in running.Keys)
                {
                    try
                    {
                        storage.RecordHeartbeat(id);
                    }
                    catch (Exception e) when (e is not OutOfMemoryException)
                    {
                        // A lost beat is retried at the next tick; the grace period covers a few of them.
                        logger.LogWarning(e, "Could not record the heartbeat of trial id {TrialId}.", id);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Optimize has returned.
        }
    }
}
