namespace Astrolabe.Dashboard.Tests.Browser;

/// <summary>
/// A test that needs headless Chromium. Without Chromium it is skipped with a message saying how to install
/// it, except under CI (CI=true), where it runs and fails: CI must not pass without the browser tests.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Find() is null && !HeadlessBrowser.IsCi)
        {
            Skip = $"Chromium not found: browser test skipped. Install it with .ci/chromium.sh (or apt-get install chromium) or set {Chromium.EnvironmentVariable}; under CI=true this test fails instead.";
        }
    }
}
