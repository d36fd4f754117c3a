using System.Text;

namespace Astrolabe.Cli;

/// <summary>
/// Standard output or error written straight to its file descriptor with write(2), for when it is a file or a pipe:
/// going through <see cref="Console"/> would set the terminal up (writing its keypad escape sequence to it) even then.
/// Writes go at the descriptor's shared offset, so output and error sent to one file interleave as they should. A
/// closed pipe (its reader, such as <c>head</c>, has gone) drops the rest of the output without an error, as
/// <see cref="Console"/> does.
/// </summary>
internal sealed class StandardStream : Stream
{
    private readonly int descriptor;
    private bool broken;

    private StandardStream(int descriptor) => this.descriptor = descriptor;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>
    /// A UTF-8 writer, flushed at every write, on standard output (1) or error (2) when it is redirected (and not on
    /// Windows, where the console writes no escape sequences); otherwise <paramref name="console"/>.
    /// </summary>
    public static TextWriter Writer(int descriptor, bool redirected, Func<TextWriter> console)
    {
        ArgumentNullException.ThrowIfNull(console);
        return redirected && !OperatingSystem.IsWindows()
            ? new StreamWriter(new StandardStream(descriptor), new UTF8Encoding(false)) { AutoFlush = true }
            : console();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (!broken && !Posix.WriteAll(descriptor, buffer))
        {
            broken = true;
        }
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
