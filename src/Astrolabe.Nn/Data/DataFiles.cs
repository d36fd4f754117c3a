using System.IO.Compression;

namespace Astrolabe.Nn.Data;

/// <summary>Locates and opens the data files (plain or gzip-compressed).</summary>
public static class DataFiles
{
    /// <summary>
    /// Finds <paramref name="fileName"/> in the folder named by the <c>ASTROLABE_DATA</c> environment variable, else in
    /// a <c>data/</c> folder of the current directory, the application directory or any of their parents.
    /// </summary>
    /// <param name="fileName">The file name, e.g. <c>digits.csv.gz</c>.</param>
    /// <returns>The full path.</returns>
    /// <exception cref="FileNotFoundException">No such file was found.</exception>
    public static string Find(string fileName)
    {
        string? env = Environment.GetEnvironmentVariable("ASTROLABE_DATA");
        if (!string.IsNullOrEmpty(env) && File.Exists(Path.Combine(env, fileName)))
        {
            return Path.GetFullPath(Path.Combine(env, fileName));
        }

        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "data", fileName);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException(
            $"Data file '{fileName}' not found in $ASTROLABE_DATA or a data/ folder above the working or application directory.", fileName);
    }

    /// <summary>Opens a file for reading, decompressing it when its name ends in <c>.gz</c>.</summary>
    /// <param name="path">The path.</param>
    /// <returns>The readable stream.</returns>
    public static Stream Open(string path)
    {
        Stream s = File.OpenRead(path);
        return path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(s, CompressionMode.Decompress) : s;
    }
}
