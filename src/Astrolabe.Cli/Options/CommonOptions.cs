using System.CommandLine;

namespace Astrolabe.Cli;

/// <summary>Options shared by several commands.</summary>
internal static class CommonOptions
{
    /// <summary>The storage URL, available to every command.</summary>
    public static readonly Option<string> Storage = new("--storage")
    {
        Description = "Where studies live: sqlite:<path> (default sqlite:astrolabe.db), postgresql://user:password@host:port/database, or memory: (this command only).",
        DefaultValueFactory = _ => "sqlite:astrolabe.db",
        Recursive = true,
    };

    /// <summary>A required study name.</summary>
    public static Option<string> Study() => new("--study")
    {
        Description = "The study's name.",
        Required = true,
    };
}
