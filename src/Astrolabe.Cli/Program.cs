using System.Runtime.InteropServices;
using Astrolabe.Cli;

// Ctrl-C (SIGINT) and SIGTERM cancel the command's token, so a running study fails its running trials, records
// them, and exits with 130; a second Ctrl-C ends the process at once.
using var interrupt = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = !interrupt.IsCancellationRequested;
    interrupt.Cancel();
};
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    interrupt.Cancel();
});
return await CliApp.RunAsync(args, Console.Out, Console.Error, interrupt.Token).ConfigureAwait(false);
