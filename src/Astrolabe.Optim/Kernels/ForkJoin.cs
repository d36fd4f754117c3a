using System.Runtime.ExceptionServices;

namespace Astrolabe.Optim;

/// <summary>
/// Runs <c>body(0..count-1)</c> on the calling thread and a few dedicated worker threads without allocating per call
/// (what <see cref="Parallel.For(int, int, Action{int})"/> allocates, a kilobyte or two a call, was most of what a
/// steady-state training step still allocated). The caller runs part 0, then every part no worker has started yet,
/// and waits only for parts already running, so nested or starved calls cannot deadlock. The first exception of any
/// part is rethrown on the caller after all parts have finished.
/// </summary>
/// <remarks>
/// The workers are not the thread pool's: an idle pool thread polls for work with <c>sched_yield</c> system calls,
/// and a training step forks many short kernels, so between them the pool's spinning cost a tenth of the process's
/// time in the kernel. A <see cref="Workers"/> thread spins on a plain memory read (no system call) for about 100 µs
/// after its last part, then sleeps until the next fork wakes it.
/// </remarks>
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
            }

            Workers.Post(parts, 1, count - 1);
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
                parts[i].TryRun(); // runs it here unless a worker already took it
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

    /// <summary>One part of a call: claimed exactly once per <see cref="Arm"/>, by the caller or a worker.</summary>
    internal sealed class Part
    {
        /// <summary>Pause-loop rounds (each <c>Thread.SpinWait(16)</c>, about half a microsecond) a caller spins before sleeping.</summary>
        private const int SpinRounds = 200;

        private readonly object _gate = new();
        private volatile bool _done;
        private Action<int>? _body;
        private int _index;
        private int _claimed = 1;
        private Exception? _error;

        public void Arm(Action<int> body, int index)
        {
            _body = body;
            _index = index;
            _error = null;
            _done = false;
            Volatile.Write(ref _claimed, 0);
        }

        /// <summary>Runs the part unless someone already has (a stale queue entry for a part the caller ran does nothing).</summary>
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
            // A worker's part usually ends within microseconds of the caller's: spin on the flag first, so the common
            // case costs no sleep and wake-up (two system calls and two context switches).
            for (int i = 0; i < SpinRounds && !_done; i++)
            {
                Thread.SpinWait(16);
            }

            if (!_done)
            {
                lock (_gate)
                {
                    while (!_done)
                    {
                        Monitor.Wait(_gate);
                    }
                }
            }

            return _error;
        }
    }
}
