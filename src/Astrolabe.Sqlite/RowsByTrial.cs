namespace Astrolabe;

/// <summary>
/// Rows of one table gathered for many trials in whatever order the database returns them, then handed out
/// trial by trial (in arrival order within a trial) after one counting sort: no per-trial collections while
/// reading, and no copying as the rows pile up (they are kept in blocks of a fixed size).
/// </summary>
/// <typeparam name="T">One row, without its trial.</typeparam>
internal sealed class RowsByTrial<T>
{
    private const int BlockSize = 1024;

    private readonly List<(int Trial, T Row)[]> blocks = [];
    private int count;
    private T[] sorted = [];
    private int[] starts = [0];

    /// <summary>Adds a row of the trial at position <paramref name="trial"/>.</summary>
    public void Add(int trial, T row)
    {
        if (count == blocks.Count * BlockSize)
        {
            blocks.Add(new (int, T)[BlockSize]);
        }

        blocks[count / BlockSize][count % BlockSize] = (trial, row);
        count++;
    }

    /// <summary>Groups the rows by trial; call once, after the last <see cref="Add"/>, before <see cref="Of"/>.</summary>
    public void Group(int trialCount)
    {
        starts = new int[trialCount + 1];
        for (int b = 0; b < blocks.Count; b++)
        {
            foreach (var (trial, _) in Block(b))
            {
                starts[trial + 1]++;
            }
        }

        for (int i = 0; i < trialCount; i++)
        {
            starts[i + 1] += starts[i];
        }

        sorted = new T[count];
        var next = starts[..trialCount];
        for (int b = 0; b < blocks.Count; b++)
        {
            foreach (var (trial, row) in Block(b))
            {
                sorted[next[trial]++] = row;
            }
        }

        blocks.Clear();
        count = 0;
    }

    /// <summary>The rows of the trial at position <paramref name="trial"/>.</summary>
    public Span<T> Of(int trial) => sorted.AsSpan(starts[trial], starts[trial + 1] - starts[trial]);

    private Span<(int Trial, T Row)> Block(int b) => blocks[b].AsSpan(0, Math.Min(BlockSize, count - (b * BlockSize)));
}
