namespace Astrolabe.Dashboard;

/// <summary>Finds a Chromium (or Chrome) executable for headless rendering.</summary>
public static class Chromium
{
    /// <summary>The environment variable that names the executable explicitly.</summary>
    public const string EnvironmentVariable = "ASTROLABE_CHROMIUM";

    private static readonly string[] Names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"];

    /// <summary>
    /// The executable named by <see cref="EnvironmentVariable"/>, else the first of chromium, chromium-browser,
    /// google-chrome, google-chrome-stable, chrome on PATH; null when there is none.
    /// </summary>
    public static string? Find()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } explicitPath)
        {
            return File.Exists(explicitPath) ? explicitPath : null;
        }

        var folders = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (string name in Names)
        {
            foreach (string folder in folders)
            {
                string candidate = Path.Combine(folder, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>The flags every headless run uses (no sandbox: it also runs as root in containers; no GPU; a throwaway profile).</summary>
    public static IReadOnlyList<string> HeadlessFlags(string profileFolder) =>
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
        "--no-default-browser-check", "--disable-extensions", "--hide-scrollbars", "--mute-audio",
        $"--user-data-dir={profileFolder}",
    ];
}
