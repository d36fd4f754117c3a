using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Astrolabe.Dashboard.Tests.Browser;

/// <summary>
/// Headless Chromium driven through the DevTools protocol over a WebSocket: one page, navigation,
/// JavaScript evaluation, screenshots and network emulation. Uncaught page exceptions and the URL of every
/// request the page makes are collected, and every page records its Content-Security-Policy violations.
/// </summary>
internal sealed class HeadlessBrowser : IAsyncDisposable
{
    private readonly Process process;
    private readonly ClientWebSocket socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> pending = new();
    private readonly CancellationTokenSource stop = new();
    private readonly string profile;
    private Task? receiver;
    private string? session;
    private int nextId;

    private HeadlessBrowser(Process process, string profile)
    {
        this.process = process;
        this.profile = profile;
    }

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Where screenshots go: artifacts/screenshots under the test's output folder.</summary>
    public static string Artifacts { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts", "screenshots")).FullName;

    /// <summary>Uncaught exceptions the page threw.</summary>
    public ConcurrentQueue<string> PageErrors { get; } = new();

    /// <summary>The URL of every request the page sent (documents, scripts, images, fetches).</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Installed in every document before its own scripts: records each CSP violation as "directive blocked-URI".</summary>
    private const string RecordCspViolations =
        "window.astrolabeCspViolations = [];" +
        "document.addEventListener('securitypolicyviolation', function (e) { window.astrolabeCspViolations.push(e.violatedDirective + ' ' + e.blockedURI); });";

    public static async Task<HeadlessBrowser> LaunchAsync()
    {
        string executable = Chromium.Find()
            ?? throw new InvalidOperationException($"Chromium is required for the browser tests (CI=true) but was not found: run .ci/chromium.sh or set {Chromium.EnvironmentVariable}.");
        string profile = Directory.CreateTempSubdirectory("astrolabe-chromium-").FullName;
        var info = new ProcessStartInfo(executable) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string flag in Chromium.HeadlessFlags(profile))
        {
            info.ArgumentList.Add(flag);
        }

        info.ArgumentList.Add("--remote-debugging-port=0");
        info.ArgumentList.Add("--window-size=1400,1000");
        info.ArgumentList.Add("about:blank");
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Cannot start {executable}.");
        var browser = new HeadlessBrowser(process, profile);
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        string? endpoint = null;
        while (endpoint is null)
        {
            string line = await process.StandardError.ReadLineAsync(timeout.Token)
                ?? throw new InvalidOperationException($"Chromium exited (code {(process.HasExited ? process.ExitCode : -1)}) before opening DevTools.");
            const string marker = "DevTools listening on ";
            if (line.StartsWith(marker, StringComparison.Ordinal))
            {
                endpoint = line[marker.Length..].Trim();
            }
        }

        _ = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync() is not null)
            {
            }
        });
        await browser.ConnectAsync(new Uri(endpoint));
        return browser;
    }

    private async Task ConnectAsync(Uri endpoint)
    {
        await socket.ConnectAsync(endpoint, stop.Token);
        receiver = Task.Run(ReceiveAsync);
        var target = await Send("Target.createTarget", new JsonObject { ["url"] = "about:blank" }, browserLevel: true);
        var attached = await Send("Target.attachToTarget", new JsonObject { ["targetId"] = target.GetProperty("targetId").GetString(), ["flatten"] = true }, browserLevel: true);
        session = attached.GetProperty("sessionId").GetString();
        await Send("Page.enable");
        await Send("Runtime.enable");
        await Send("Network.enable");
        await Send("Page.addScriptToEvaluateOnNewDocument", new JsonObject { ["source"] = RecordCspViolations });
        await Send("Emulation.setDeviceMetricsOverride", new JsonObject { ["width"] = 1400, ["height"] = 1000, ["deviceScaleFactor"] = 1, ["mobile"] = false });
    }

    /// <summary>Sends a DevTools command to the page (or to the browser) and returns its result.</summary>
    public async Task<JsonElement> Send(string method, JsonObject? parameters = null, bool browserLevel = false)
    {
        int id = Interlocked.Increment(ref nextId);
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? [] };
        if (!browserLevel)
        {
            message["sessionId"] = session;
        }

        var done = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[id] = done;
        await socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, stop.Token);
        return await done.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Evaluates a JavaScript expression (awaiting a promise) and returns its value.</summary>
    public async Task<JsonElement> Evaluate(string expression)
    {
        var result = await Send("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true, ["awaitPromise"] = true });
        if (result.TryGetProperty("exceptionDetails", out var error))
        {
            throw new InvalidOperationException($"'{expression}' threw: {error}");
        }

        var value = result.GetProperty("result");
        return value.TryGetProperty("value", out var v) ? v : default;
    }

    /// <summary>The Content-Security-Policy violations of the current document, as "directive blocked-URI".</summary>
    public async Task<IReadOnlyList<string>> CspViolations()
    {
        var list = await Evaluate("JSON.stringify(window.astrolabeCspViolations || [])");
        return JsonSerializer.Deserialize<string[]>(list.GetString()!)!;
    }

    /// <summary>Loads a URL and waits until the document has loaded.</summary>
    public async Task Navigate(string url)
    {
        await Send("Page.navigate", new JsonObject { ["url"] = url });
        await WaitFor("document.readyState === 'complete' && location.href !== 'about:blank'", TimeSpan.FromSeconds(20));
    }

    /// <summary>Polls an expression until it is truthy; on timeout saves a screenshot and fails saying what was awaited.</summary>
    public async Task<JsonElement> WaitFor(string expression, TimeSpan timeout, string? screenshotOnFailure = null)
    {
        var clock = Stopwatch.StartNew();
        JsonElement last = default;
        while (clock.Elapsed < timeout)
        {
            last = await Evaluate(expression);
            if (last.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.False)
                && !(last.ValueKind == JsonValueKind.Number && last.GetDouble() == 0) && !(last.ValueKind == JsonValueKind.String && last.GetString() == ""))
            {
                return last;
            }

            await Task.Delay(100);
        }

        await Screenshot(screenshotOnFailure ?? "timeout");
        throw new TimeoutException($"Waited {timeout.TotalSeconds} s for {expression}; last value {last}. Page errors: {string.Join(" | ", PageErrors)}");
    }

    /// <summary>Saves a PNG of the page under <see cref="Artifacts"/> and returns its path.</summary>
    public async Task<string> Screenshot(string name)
    {
        var shot = await Send("Page.captureScreenshot", new JsonObject { ["format"] = "png", ["captureBeyondViewport"] = true });
        string path = Path.Combine(Artifacts, name + ".png");
        await File.WriteAllBytesAsync(path, Convert.FromBase64String(shot.GetProperty("data").GetString()!));
        return path;
    }

    /// <summary>Cuts the page off the network (file:// still loads).</summary>
    public async Task GoOffline()
    {
        await Send("Network.emulateNetworkConditions", new JsonObject { ["offline"] = true, ["latency"] = 0, ["downloadThroughput"] = -1, ["uploadThroughput"] = -1 });
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[1 << 20];
        using var message = new MemoryStream();
        try
        {
            while (!stop.IsCancellationRequested && socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }

                using var doc = JsonDocument.Parse(message.ToArray());
                message.SetLength(0);
                var root = doc.RootElement;
                if (root.TryGetProperty("id", out var id) && pending.TryRemove(id.GetInt32(), out var done))
                {
                    if (root.TryGetProperty("error", out var error))
                    {
                        done.SetException(new InvalidOperationException($"DevTools error: {error}"));
                    }
                    else
                    {
                        done.SetResult(root.GetProperty("result").Clone());
                    }
                }
                else if (root.TryGetProperty("method", out var method) && root.TryGetProperty("params", out var parameters))
                {
                    switch (method.GetString())
                    {
                        case "Runtime.exceptionThrown":
                            PageErrors.Enqueue(parameters.GetProperty("exceptionDetails").ToString());
                            break;
                        case "Network.requestWillBeSent":
                            Requests.Enqueue(parameters.GetProperty("request").GetProperty("url").GetString() ?? "");
                            break;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (WebSocketException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        if (receiver is not null)
        {
            await receiver.ConfigureAwait(false);
        }

        socket.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        stop.Dispose();
        try
        {
            Directory.Delete(profile, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
