using System.Text;

namespace Astrolabe.Cli.BlackBox;

/// <summary>
/// The end of a program's standard error, read in the background as it comes: in blocks, not lines, keeping
/// only the last <see cref="Length"/> characters, so a program that writes without end costs nothing.
/// </summary>
internal sealed class OutputTail
{
    /// <summary>How many characters of the end are kept.</summary>
    public const int Length = 2000;

    private readonly StringBuilder text = new();

    public OutputTail(TextReader reader) => Completion = Task.Run(() => ReadAsync(reader));

    /// <summary>Completes at the end of the stream (or when it is closed).</summary>
    public Task Completion { get; }

    /// <summary>" stderr: …" with the end, or "" when the program wrote nothing there.</summary>
    public string Describe()
    {
        string tail;
        lock (text)
        {
            tail = text.ToString().TrimEnd();
        }

        return tail.Length == 0 ? "" : " stderr: " + (tail.Length > Length ? "…" + tail[^Length..] : tail);
    }

    private async Task ReadAsync(TextReader reader)
    {
        var block = new char[4096];
        try
        {
            int read;
            while ((read = await reader.ReadAsync(block).ConfigureAwait(false)) > 0)
            {
                lock (text)
                {
                    text.Append(block, 0, read);
                    if (text.Length > 4 * Length)
                    {
                        text.Remove(0, text.Length - Length - 1);
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The process was disposed while something it left behind still held the stream.
        }
    }
}
