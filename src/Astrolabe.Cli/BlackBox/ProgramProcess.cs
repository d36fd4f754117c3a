using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.Versioning;

namespace Astrolabe.Cli.BlackBox;

/// <summary>
/// A trial's program, running with an empty standard input and its output on pipes. Where <c>setsid</c> exists
/// (Linux) the program leads a session and process group of its own, so <see cref="StopAll"/> stops everything it
/// started, background children that outlived it included; elsewhere <see cref="StopAll"/> stops the process tree
/// as it stands. In its own session the program is out of the terminal's reach (its Ctrl-C goes to the command, which
/// stops the program).
/// </summary>
internal sealed class ProgramProcess : IDisposable
{
    private static readonly Lazy<string?> Setsid = new(() => OperatingSystem.IsWindows() ? null : FindOnPath("setsid"));

    private readonly Process process;
    private readonly bool ownGroup;

    private ProgramProcess(Process process, bool ownGroup)
    {
        this.process = process;
        this.ownGroup = ownGroup;
    }

    /// <summary>The program's standard output.</summary>
    public Stream Output => process.StandardOutput.BaseStream;

    /// <summary>The program's standard error.</summary>
    public TextReader Error => process.StandardError;

    /// <summary>The program's process id.</summary>
    public int Id => process.Id;

    /// <summary>The exit code, once the program has exited.</summary>
    public int ExitCode => process.ExitCode;

    /// <summary>Starts the program; throws <see cref="ProgramFailedException"/> when it cannot be found or started.</summary>
    public static ProgramProcess Start(IReadOnlyList<string> argv, IEnumerable<KeyValuePair<string, string>> environment)
    {
        ArgumentNullException.ThrowIfNull(argv);
        ArgumentNullException.ThrowIfNull(environment);
        string program = argv[0];
        var info = new ProcessStartInfo
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string? setsid = Setsid.Value;
        if (setsid is not null && !OperatingSystem.IsWindows())
        {
            info.FileName = setsid;
            info.ArgumentList.Add("--");
            info.ArgumentList.Add(Resolve(program) ?? throw new ProgramFailedException($"Could not start '{program}': no such file here nor program on PATH."));
        }
        else
        {
            info.FileName = program;
        }

        foreach (var a in argv.Skip(1))
        {
            info.ArgumentList.Add(a);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            process.Dispose();
            throw new ProgramFailedException($"Could not start '{program}': {e.Message}", e);
        }

        process.StandardInput.Close();
        return new ProgramProcess(process, setsid is not null);
    }

    /// <summary>Waits for the program itself to exit (not for what it left running).</summary>
    public Task WaitForExitAsync(CancellationToken cancellationToken) => process.WaitForExitAsync(cancellationToken);

    /// <summary>Kills the program and everything it started (its process group, then its process tree).</summary>
    public void StopAll()
    {
        if (ownGroup && !OperatingSystem.IsWindows())
        {
            // The program's process id is its group's id; an empty group is no error.
            _ = Posix.Signal(-process.Id, Posix.SigKill);
        }

        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception or AggregateException)
        {
            // Already exited, or a child exited meanwhile.
        }
    }

    public void Dispose() => process.Dispose();

    /// <summary>
    /// The file a program name stands for, as <see cref="Process.Start()"/> finds it: a name with a slash as it is (if it exists),
    /// otherwise a file of the current directory, otherwise an executable on PATH.
    /// </summary>
    [UnsupportedOSPlatform("windows")]
    private static string? Resolve(string program)
    {
        if (program.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(program) ? program : null;
        }

        string here = Path.Combine(Directory.GetCurrentDirectory(), program);
        return File.Exists(here) ? here : FindOnPath(program);
    }

    [UnsupportedOSPlatform("windows")]
    private static string? FindOnPath(string program)
    {
        const UnixFileMode executable = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            string path = Path.Combine(dir, program);
            if (File.Exists(path) && (File.GetUnixFileMode(path) & executable) != 0)
            {
                return path;
            }
        }

        return null;
    }
}
