using Spectre.Console;

namespace Astrolabe.Cli;

/// <summary>Where commands write: plain text streams plus a Spectre console over standard output for tables and progress.</summary>
public sealed class CliConsole
{
    /// <summary>Wraps the streams; the Spectre console renders colours and live progress only on an interactive terminal.</summary>
    public CliConsole(TextWriter stdout, TextWriter stderr)
    {
        Out = stdout;
        Error = stderr;
        bool terminal = ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected;
        Ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stdout),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal)
        {
            Ansi.Profile.Width = 160;
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
