namespace Astrolabe.Optim.Tests;

public class ForkJoinTests
{
    [Fact]
    public void Every_part_runs_exactly_once_in_every_call()
    {
        for (int call = 0; call < 500; call++)
        {
            int count = 1 + (call % 8);
            var runs = new int[count];
            ForkJoin.Run(count, i => Interlocked.Increment(ref runs[i]));
            Assert.All(runs, r => Assert.Equal(1, r));
        }
    }

    [Fact]
    public void An_exception_of_a_part_reaches_the_caller_after_every_part_has_finished()
    {
        int finished = 0;
        var e = Assert.Throws<InvalidOperationException>(() => ForkJoin.Run(4, i =>
        {
            if (i == 2)
            {
                throw new InvalidOperationException("part 2");
            }

            Thread.SpinWait(1000);
            Interlocked.Increment(ref finished);
        }));
        Assert.Equal("part 2", e.Message);
        Assert.Equal(3, Volatile.Read(ref finished));
        ForkJoin.Run(3, _ => { }); // the parts are usable again
    }

    [Fact]
    public void A_part_runs_on_a_worker_thread_while_the_caller_runs_its_own()
    {
        // Part 0 waits until part 1 has run: that can only happen when another thread takes part 1 (the caller would
        // otherwise run it after part 0). The wait is bounded so that a broken pool fails instead of hanging.
        using var ran = new ManualResetEventSlim();
        bool onWorker = false, onPool = true;
        bool seen = false;
        int callerId = Environment.CurrentManagedThreadId;
        ForkJoin.Run(2, i =>
        {
            if (i == 1)
            {
                onWorker = Environment.CurrentManagedThreadId != callerId;
                onPool = Thread.CurrentThread.IsThreadPoolThread;
                ran.Set();
            }
            else
            {
                seen = ran.Wait(TimeSpan.FromSeconds(60));
            }
        });
        Assert.True(seen, "no worker took part 1 while part 0 waited for it");
        Assert.True(onWorker);
        Assert.False(onPool);
    }

    [Fact]
    public void Nested_calls_complete()
    {
        int total = 0;
        ForkJoin.Run(4, _ => ForkJoin.Run(4, _ => Interlocked.Increment(ref total)));
        Assert.Equal(16, total);
    }

    [Fact]
    public void A_call_allocates_next_to_nothing_on_the_calling_thread_after_the_first()
    {
        // ForkJoin allocates nothing per call once its parts and the workers' queue have their size; the bound is per
        // call over many calls: Parallel.For allocated 1–2 KB per call.
        const int Calls = 4000;
        Action<int> body = _ => Thread.SpinWait(10);
        for (int i = 0; i < 100; i++)
        {
            ForkJoin.Run(2, body);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Calls; i++)
        {
            ForkJoin.Run(2, body);
        }

        long perCall = (GC.GetAllocatedBytesForCurrentThread() - before) / Calls;
        Assert.True(perCall < 128, $"{perCall} bytes per call");
    }
}
