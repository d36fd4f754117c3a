using System.Runtime.InteropServices;
using Astrolabe.Cli;

// Ctrl-C (SIGINT), SIGTERM and SIGHUP (the terminal closed) cancel the command's token, so a running study fails its
// running trials, stops their programs, records them, and exits with 130; a second Ctrl-C ends the process at once.
// System.Console sets the terminal up (and writes its keypad escape sequence to it) as soon as it is used, even when the
// output goes to a file or a pipe; so signals are taken through PosixSignalRegistration rather than
// Console.CancelKeyPress, and redirected output is written straight to its file descriptor.
using var interrupt = new CancellationTokenSource();
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
using var sighup = OperatingSystem.IsWindows() ? null : PosixSignalRegistration.Create(PosixSignal.SIGHUP, Stop);
using var stdout = StandardStream.Writer(1, Console.IsOutputRedirected, () => Console.Out);
using var stderr = StandardStream.Writer(2, Console.IsErrorRedirected, () => Console.Error);
return await CliApp.RunAsync(args, stdout, stderr, interrupt.Token).ConfigureAwait(false);

void Stop(PosixSignalContext context)
{
    context.Cancel = !interrupt.IsCancellationRequested;
    interrupt.Cancel();
}
