using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Astrolabe;

/// <summary>
/// Records heartbeats, in the background, for the trials one <c>Optimize</c> call is running: every interval
/// until they finish (the first one is recorded when a trial is created or claimed). Runs on a dedicated
/// thread, not the thread pool: blocking objectives can starve the pool for longer than a grace period, and
/// their trials must not be taken for dead.
/// </summary>
internal sealed class HeartbeatKeeper : IAsyncDisposable
{
    private readonly ConcurrentDictionary<long, byte> running = new();
    private readonly CancellationTokenSource stop = new();
    private readonly IHeartbeatStorage storage;
    private readonly ILogger logger;
    private readonly TimeSpan interval;
    private readonly Thread thread;

    public HeartbeatKeeper(IHeartbeatStorage storage, TimeSpan interval, ILogger logger)
    {
        this.storage = storage;
        this.logger = logger;
        this.interval = interval;
        thread = new Thread(Beat) { IsBackground = true, Name = "Astrolabe heartbeats" };
        thread.Start();
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
        thread.Join();
        stop.Dispose();
    }

    private void Beat()
    {
        while (!stop.Token.WaitHandle.WaitOne(interval))
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
}
