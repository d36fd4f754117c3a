namespace Astrolabe.Nn;

/// <summary>
/// Counts the floating-point operations of the tensor operations run while it is active, forward and backward, by
/// operation: matrix products (<c>matmul</c>, <c>linear</c>, batched <c>bmm</c>) and convolutions (<c>conv2d</c>) exactly, as 2·m·n·k
/// multiply-adds of the products they compute (a convolution: 2·N·O·OH·OW·C·KH·KW), each backward product only when
/// its gradient is needed (input, weight). Bias additions, activations, normalisation, pooling and losses are not
/// counted; PyTorch's profiler (<c>with_flops=True</c>) does not count them either, so the totals compare.
/// <para>
/// A counter counts on the asynchronous flow that started it (<see cref="Start"/>) and what it calls, including
/// the backward pass run from it; counters nest (an outer one counts what an inner one does). Thread-safe.
/// </para>
/// </summary>
public sealed class FlopCounter : IDisposable
{
    private static readonly AsyncLocal<FlopCounter?> Current = new();
    private readonly Lock gate = new();
    private readonly Dictionary<string, long> byOperation = new(StringComparer.Ordinal);
    private readonly FlopCounter? outer;
    private long forward;
    private long backward;
    private bool disposed;

    private FlopCounter(FlopCounter? outer) => this.outer = outer;

    /// <summary>Whether a counter is active on this flow (operations skip the bookkeeping otherwise).</summary>
    internal static bool IsActive => Current.Value is not null;

    /// <summary>Operations counted in forward passes.</summary>
    public long Forward => Interlocked.Read(ref forward);

    /// <summary>Operations counted in backward passes.</summary>
    public long Backward => Interlocked.Read(ref backward);

    /// <summary>Forward plus backward.</summary>
    public long Total => Forward + Backward;

    /// <summary>The counts by operation: "linear", "matmul", "bmm", "conv2d", and the same with ".backward".</summary>
    public IReadOnlyDictionary<string, long> ByOperation
    {
        get
        {
            lock (gate)
            {
                return new Dictionary<string, long>(byOperation, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Starts a counter on the current flow; dispose it to stop counting (its counts stay readable).</summary>
    public static FlopCounter Start()
    {
        var counter = new FlopCounter(Current.Value);
        Current.Value = counter;
        return counter;
    }

    /// <summary>Stops counting: the flow goes back to the counter that was active when this one started.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        if (ReferenceEquals(Current.Value, this))
        {
            Current.Value = outer;
        }
    }

    /// <summary>Adds <paramref name="flops"/> of <paramref name="operation"/> to every active counter of this flow.</summary>
    internal static void Add(string operation, long flops, bool isBackward)
    {
        for (var counter = Current.Value; counter is not null; counter = counter.outer)
        {
            if (!counter.disposed)
            {
                counter.AddOwn(isBackward ? operation + ".backward" : operation, flops, isBackward);
            }
        }
    }

    private void AddOwn(string key, long flops, bool isBackward)
    {
        Interlocked.Add(ref isBackward ? ref backward : ref forward, flops);
        lock (gate)
        {
            byOperation[key] = byOperation.GetValueOrDefault(key) + flops;
        }
    }
}
