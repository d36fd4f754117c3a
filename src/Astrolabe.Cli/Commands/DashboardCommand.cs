using System.CommandLine;
using Astrolabe.Dashboard;

namespace Astrolabe.Cli.Commands;

/// <summary><c>astrolabe dashboard</c>: a read-only web UI over a storage, updating live while workers run.</summary>
internal static class DashboardCommand
{
    public static Command Create(CliConsole console)
    {
        var host = new Option<string>("--host") { Description = "The address to listen on (default 127.0.0.1: this machine only).", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "The TCP port (0 picks a free one).", DefaultValueFactory = _ => 8080 };
        var command = new Command("dashboard", "Serve a read-only web dashboard of every study in the storage until interrupted.") { host, port };
        command.SetAction(async (parse, ct) =>
        {
            var options = new DashboardOptions { Host = parse.GetValue(host)!, Port = parse.GetValue(port) };
            options.Validate();
            var storage = ExistingStorage.Open(parse.GetValue(CommonOptions.Storage)!);
            using var owned = storage as IDisposable;
            if (!options.IsLoopback)
            {
                await console.Error.WriteLineAsync($"warning: listening on {options.Host}: anyone who can reach this machine can read every study in the storage (there is no authentication).").ConfigureAwait(false);
            }

            await using var server = await DashboardServer.StartAsync(storage, options, ct).ConfigureAwait(false);
            await console.Out.WriteLineAsync($"Dashboard on {server.Url} (read-only); press Ctrl+C to stop.").ConfigureAwait(false);
            await console.Out.FlushAsync(ct).ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                await console.Out.WriteLineAsync("Stopped.").ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }
}
