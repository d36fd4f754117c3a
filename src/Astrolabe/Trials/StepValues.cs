using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Astrolabe;

/// <summary>
/// An immutable map of intermediate values by step, in ascending step order, that grows in amortised O(1):
/// <see cref="Set"/> returns a new map and leaves this one as it was. Maps made from one another share one
/// pair of arrays; a map that is the last one made appends in place past its own count, which no other map
/// reads, and any other change (an earlier step, a step again, a map that is not the last) copies. So a trial
/// that reports step after step, snapshot after snapshot, costs no copy of its history per report. Safe to
/// read from many threads; <see cref="Set"/> may be called from several at once.
/// </summary>
internal sealed class StepValues : IReadOnlyDictionary<long, double>
{
    private readonly Buffer buffer;
    private readonly int count;

    private StepValues(Buffer buffer, int count)
    {
        this.buffer = buffer;
        this.count = count;
    }

    /// <summary>The map with no step.</summary>
    public static StepValues Empty { get; } = new(new Buffer(0), 0);

    /// <inheritdoc />
    public int Count => count;

    /// <summary>The largest step, or null when there is none.</summary>
    public long? LastStep => count == 0 ? null : buffer.Steps[count - 1];

    /// <inheritdoc />
    public IEnumerable<long> Keys => Read(buffer.Steps, count);

    /// <inheritdoc />
    public IEnumerable<double> Values => Read(buffer.Values, count);

    /// <inheritdoc />
    public double this[long key] => TryGetValue(key, out double value) ? value : throw new KeyNotFoundException($"No value was reported at step {key}.");

    /// <summary>The map of <paramref name="values"/>: itself when it is a <see cref="StepValues"/>, else a sorted copy.</summary>
    public static StepValues From(IReadOnlyDictionary<long, double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values is StepValues s)
        {
            return s;
        }

        var buffer = new Buffer(values.Count);
        int n = 0;
        foreach (var (step, value) in values)
        {
            (buffer.Steps[n], buffer.Values[n]) = (step, value);
            n++;
        }

        Array.Sort(buffer.Steps, buffer.Values, 0, n);
        buffer.Used = n;
        return new StepValues(buffer, n);
    }

    /// <summary>A map with <paramref name="value"/> at <paramref name="step"/> (replacing the value there); this map is unchanged.</summary>
    public StepValues Set(long step, double value)
    {
        if (count == 0 || step > buffer.Steps[count - 1])
        {
            // Append in place when this map is the last one made from the buffer and the buffer has room.
            if (count < buffer.Steps.Length && Interlocked.CompareExchange(ref buffer.Used, count + 1, count) == count)
            {
                (buffer.Steps[count], buffer.Values[count]) = (step, value);
                return new StepValues(buffer, count + 1);
            }

            return Copy(Math.Max(4, count * 2), count, step, value, insert: true);
        }

        int i = Array.BinarySearch(buffer.Steps, 0, count, step);
        return i >= 0 ? Copy(count, i, step, value, insert: false) : Copy(count + 1, ~i, step, value, insert: true);
    }

    /// <inheritdoc />
    public bool ContainsKey(long key) => Array.BinarySearch(buffer.Steps, 0, count, key) >= 0;

    /// <inheritdoc />
    public bool TryGetValue(long key, [MaybeNullWhen(false)] out double value)
    {
        int i = Array.BinarySearch(buffer.Steps, 0, count, key);
        value = i >= 0 ? buffer.Values[i] : 0;
        return i >= 0;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<long, double>> GetEnumerator()
    {
        for (int i = 0; i < count; i++)
        {
            yield return new(buffer.Steps[i], buffer.Values[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The first <paramref name="n"/> items, without handing out the shared array.</summary>
    private static IEnumerable<T> Read<T>(T[] items, int n)
    {
        for (int i = 0; i < n; i++)
        {
            yield return items[i];
        }
    }

    /// <summary>A map in a new buffer of <paramref name="capacity"/>: this one's steps with the value at position <paramref name="at"/> inserted or replaced.</summary>
    private StepValues Copy(int capacity, int at, long step, double value, bool insert)
    {
        var copy = new Buffer(capacity);
        Array.Copy(buffer.Steps, copy.Steps, at);
        Array.Copy(buffer.Values, copy.Values, at);
        int rest = count - at - (insert ? 0 : 1);
        Array.Copy(buffer.Steps, count - rest, copy.Steps, at + 1, rest);
        Array.Copy(buffer.Values, count - rest, copy.Values, at + 1, rest);
        (copy.Steps[at], copy.Values[at]) = (step, value);
        copy.Used = at + 1 + rest;
        return new StepValues(copy, copy.Used);
    }

    /// <summary>Steps and values shared by maps; slots below <see cref="Used"/> never change once written.</summary>
    private sealed class Buffer(int capacity)
    {
        public readonly long[] Steps = new long[capacity];
        public readonly double[] Values = new double[capacity];
        public int Used;
    }
}
