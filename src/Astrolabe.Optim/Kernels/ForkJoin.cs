using System.Runtime.ExceptionServices;

namespace Astrolabe.Optim;

/// <summary>
/// Runs <c>body(0..count-1)</c> on the calling thread and the thread pool without allocating per call (what
/// <see cref="Parallel.For(int, int, Action{int})"/> allocates, a kilobyte or two a call, was most of what a steady-state
/// training step still allocated). The caller runs part 0, then every part no pool thread has started yet, and waits
/// only for parts already running, so nested or starved calls cannot deadlock. The first exception of any part is
/// rethrown on the caller after all parts have finished.
/// </summary>
internal static class ForkJoin
{
    [ThreadStatic]
    private static Part[]? t_parts;

    public static void Run(int count, Action<int> body)
    {
        var parts = t_parts is { } cached && cached.Length >= count ? cached : Grow(count);
        t_parts = null; // a body that forks again on this thread gets its own parts
        try
        {
            for (int i = 1; i < count; i++)
            {
                parts[i].Arm(body, i);
                ThreadPool.UnsafeQueueUserWorkItem(parts[i], preferLocal: false);
            }

            Exception? error = null;
            try
            {
                body(0);
            }
            catch (Exception e)
            {
                error = e;
            }

            for (int i = 1; i < count; i++)
            {
                parts[i].TryRun(); // runs it here unless a pool thread already took it
            }

            for (int i = 1; i < count; i++)
            {
                error ??= parts[i].Wait();
            }

            if (error is not null)
            {
                ExceptionDispatchInfo.Throw(error);
            }
        }
        finally
        {
            t_parts = parts;
        }
    }

    private static Part[] Grow(int count)
    {
        var parts = new Part[Math.Max(count, Environment.ProcessorCount)];
        for (int i = 0; i < parts.Length; i++)
        {
            parts[i] = new Part();
        }

        return parts;
    }

    private sealed class Part : IThreadPoolWorkItem
    {
        private readonly object _gate = new();
        private bool _done;
        private Action<int>? _body;
        private int _index;
        private int _claimed;
        private Exception? _error;

        public void Arm(Action<int> body, int index)
        {
            _body = body;
            _index = index;
            _error = null;
            _done = false;
            Volatile.Write(ref _claimed, 0);
        }

        public void Execute() => TryRun();

        /// <summary>Runs the part unless someone already has (the pool's copy of a part the caller ran does nothing).</summary>
        public void TryRun()
        {
            if (Interlocked.Exchange(ref _claimed, 1) != 0)
            {
                return;
            }

            try
            {
                _body!(_index);
            }
            catch (Exception e)
            {
                _error = e;
            }
            finally
            {
                _body = null;
                lock (_gate)
                {
                    _done = true;
                    Monitor.PulseAll(_gate);
                }
            }
        }

        public Exception? Wait()
        {
            lock (_gate)
            {
                while (!_done)
                {
                    Monitor.Wait(_gate);
                }
            }

            return _error;
        }
    }
}
