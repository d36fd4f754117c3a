namespace Astrolabe.Cli;

/// <summary>The exit codes the commands return besides 0 (success) and 130 (interrupted).</summary>
public static class ExitCodes
{
    /// <summary>Wrong arguments, or a request that cannot be served.</summary>
    public const int UsageError = 2;

    /// <summary>A run that finished trials but completed none of them.</summary>
    public const int NoTrialCompleted = 1;
}
