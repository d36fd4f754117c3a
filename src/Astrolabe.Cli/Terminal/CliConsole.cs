using Spectre.Console;

namespace Astrolabe.Cli;

/// <summary>Where commands write: plain text streams plus a Spectre console over standard output for tables and progress.</summary>
public sealed class CliConsole
{
    /// <summary>
    /// Wraps the streams; the Spectre console renders colours and live progress only on an interactive terminal, and
    /// otherwise writes no escape sequence, to the output or to the terminal.
    /// </summary>
    public CliConsole(TextWriter stdout, TextWriter stderr)
    {
        Out = stdout;
        Error = stderr;
        bool terminal = !Console.IsOutputRedirected && ReferenceEquals(stdout, Console.Out);
        Ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stdout),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal)
        {
            // Fixed sizes: asking System.Console for them would set the terminal up (writing an escape sequence to it).
            Ansi.Profile.Width = 160;
            Ansi.Profile.Height = 24;
        }
    }

    /// <summary>Standard output.</summary>
    public TextWriter Out { get; }

    /// <summary>Standard error.</summary>
    public TextWriter Error { get; }

    /// <summary>A Spectre console over standard output.</summary>
    public IAnsiConsole Ansi { get; }

    /// <summary>True when live progress can be drawn in place.</summary>
    public bool Interactive => Ansi.Profile.Capabilities.Interactive;
}
