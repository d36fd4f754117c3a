using System.Buffers;
using System.Globalization;
using System.Text;

namespace Astrolabe.Cli.BlackBox;

/// <summary>
/// Reads a program's output line by line as UTF-8, holding at most one line, of at most a given number of bytes:
/// a longer line fails the trial as soon as it passes the limit, so a program that prints without end costs no
/// more memory than that.
/// </summary>
internal sealed class LineReader(Stream stream, int maxLineBytes)
{
    private readonly byte[] buffer = new byte[16 * 1024];
    private readonly ArrayBufferWriter<byte> line = new();
    private int start;
    private int end;
    private bool ended;

    /// <summary>The number of the line last returned (1 for the first).</summary>
    public long LineNumber { get; private set; }

    /// <summary>The next line without its end (<c>\n</c> or <c>\r\n</c>); null at the end of the output.</summary>
    public async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            int newline = Array.IndexOf(buffer, (byte)'\n', start, end - start);
            if (newline >= 0)
            {
                Append(newline - start);
                start = newline + 1;
                return Take();
            }

            Append(end - start);
            start = end = 0;
            if (ended)
            {
                return null;
            }

            int read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                ended = true;
                if (line.WrittenCount > 0)
                {
                    return Take();
                }

                return null;
            }

            end = read;
        }
    }

    private void Append(int count)
    {
        if (line.WrittenCount + count > maxLineBytes)
        {
            throw new ProgramFailedException(string.Create(CultureInfo.InvariantCulture,
                $"Output line {LineNumber + 1} is longer than {maxLineBytes / 1024} KiB, the most a line of a program's output may hold."));
        }

        line.Write(buffer.AsSpan(start, count));
    }

    private string Take()
    {
        var bytes = line.WrittenSpan;
        if (bytes.Length > 0 && bytes[^1] == '\r')
        {
            bytes = bytes[..^1];
        }

        string text = Encoding.UTF8.GetString(bytes);
        line.ResetWrittenCount();
        LineNumber++;
        return text;
    }
}
