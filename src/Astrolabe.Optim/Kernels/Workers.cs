namespace Astrolabe.Optim;

/// <summary>
/// The background threads that take <see cref="ForkJoin"/> parts: one fewer than the processor count (the caller is
/// the other), at least one, started on first use. Parts wait in a ring buffer that grows when full (so posting
/// allocates nothing in steady state). A worker with nothing to do spins on the queue's count — a memory read and
/// a pause instruction, no system call — for about 100 µs, then sleeps on a monitor until a post wakes it; a post
/// only enters the kernel when some worker sleeps.
/// </summary>
internal static class Workers
{
    /// <summary>Pause-loop rounds (each <c>Thread.SpinWait(16)</c>, about half a microsecond) an idle worker polls before it sleeps.</summary>
    private const int IdleSpinRounds = 200;

    private static readonly object s_gate = new();
    private static ForkJoin.Part?[] s_ring = new ForkJoin.Part?[64];
    private static int s_head;
    private static int s_count;
    private static int s_pending; // s_count, readable without the lock
    private static int s_sleepers;
    private static bool s_started;

    /// <summary>Queues <paramref name="count"/> armed parts from <paramref name="parts"/>[<paramref name="first"/>] on.</summary>
    public static void Post(ForkJoin.Part[] parts, int first, int count)
    {
        if (count <= 0)
        {
            return;
        }

        lock (s_gate)
        {
            if (!s_started)
            {
                Start();
            }

            if (s_count + count > s_ring.Length)
            {
                GrowRing(s_count + count);
            }

            for (int i = 0; i < count; i++)
            {
                s_ring[(s_head + s_count + i) % s_ring.Length] = parts[first + i];
            }

            s_count += count;
            Volatile.Write(ref s_pending, s_count);
            if (s_sleepers > 0)
            {
                Monitor.PulseAll(s_gate);
            }
        }
    }

    private static void Start()
    {
        int n = Math.Max(1, Environment.ProcessorCount - 1);
        for (int i = 0; i < n; i++)
        {
            var t = new Thread(Loop) { IsBackground = true, Name = $"Astrolabe kernel worker {i + 1}" };
            t.Start();
        }

        s_started = true;
    }

    private static void GrowRing(int needed)
    {
        var ring = new ForkJoin.Part?[Math.Max(needed, s_ring.Length * 2)];
        for (int i = 0; i < s_count; i++)
        {
            ring[i] = s_ring[(s_head + i) % s_ring.Length];
        }

        s_ring = ring;
        s_head = 0;
    }

    private static ForkJoin.Part? TryTake()
    {
        if (Volatile.Read(ref s_pending) == 0)
        {
            return null;
        }

        lock (s_gate)
        {
            return TakeLocked();
        }
    }

    private static ForkJoin.Part? TakeLocked()
    {
        if (s_count == 0)
        {
            return null;
        }

        var part = s_ring[s_head];
        s_ring[s_head] = null;
        s_head = (s_head + 1) % s_ring.Length;
        s_count--;
        Volatile.Write(ref s_pending, s_count);
        return part;
    }

    private static void Loop()
    {
        while (true)
        {
            if (TryTake() is { } part)
            {
                part.TryRun();
                continue;
            }

            for (int i = 0; i < IdleSpinRounds && Volatile.Read(ref s_pending) == 0; i++)
            {
                Thread.SpinWait(16);
            }

            if (Volatile.Read(ref s_pending) != 0)
            {
                continue;
            }

            ForkJoin.Part? taken;
            lock (s_gate)
            {
                s_sleepers++;
                while (s_count == 0)
                {
                    Monitor.Wait(s_gate);
                }

                s_sleepers--;
                taken = TakeLocked();
            }

            taken?.TryRun();
        }
    }
}
