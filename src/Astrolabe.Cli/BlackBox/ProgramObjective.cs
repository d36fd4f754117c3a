using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Astrolabe.Cli.BlackBox;

/// <summary>
/// Runs a program per trial. Parameters reach it three ways: placeholders in its arguments, environment
/// variables <c>ASTROLABE_PARAM_&lt;NAME&gt;</c> (upper case, other characters as <c>_</c>), and a JSON file
/// named by <c>ASTROLABE_PARAMS_FILE</c>; <c>ASTROLABE_TRIAL_NUMBER</c> and <c>ASTROLABE_STUDY</c> are set too.
/// The program reports on standard output: a line <c>{"step": n, "value": v}</c> is an intermediate value
/// (the program is stopped if the pruner says so); the objective is the last line <c>{"value": v}</c> or
/// <c>{"values": [...]}</c>, or else the last line holding only numbers. A non-zero exit, a timeout or no
/// value fails the trial with the tail of its standard error.
/// </summary>
public sealed class ProgramObjective(SpaceFile space, ProgramTemplate template, TimeSpan? trialTimeout)
{
    private const int TailLength = 2000;

    /// <summary>Evaluates one trial by running the program.</summary>
    public async Task<IReadOnlyList<double>> EvaluateAsync(Trial trial, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trial);
        var values = space.Suggest(trial);
        var inactive = space.Parameters.Select(p => p.Name).Where(n => !values.ContainsKey(n)).ToList();
        var argv = template.Render(values, trial.Number, inactive);
        string paramsFile = Path.Combine(Path.GetTempPath(), $"astrolabe-{Environment.ProcessId}-{trial.TrialId}.json");
        await File.WriteAllTextAsync(paramsFile, JsonValues.Serialize(values.ToDictionary(kv => kv.Key, kv => kv.Value)), cancellationToken).ConfigureAwait(false);
        try
        {
            return await RunAsync(trial, values, argv, paramsFile, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(paramsFile);
        }
    }

    private async Task<IReadOnlyList<double>> RunAsync(Trial trial, IReadOnlyDictionary<string, object?> values, IReadOnlyList<string> argv, string paramsFile, CancellationToken ct)
    {
        var info = new ProcessStartInfo(argv[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in argv.Skip(1))
        {
            info.ArgumentList.Add(a);
        }

        foreach (var (name, value) in values)
        {
            info.Environment[EnvName(name)] = ProgramTemplate.Format(value);
        }

        info.Environment["ASTROLABE_PARAMS_FILE"] = paramsFile;
        info.Environment["ASTROLABE_TRIAL_NUMBER"] = trial.Number.ToString(CultureInfo.InvariantCulture);
        info.Environment["ASTROLABE_STUDY"] = trial.Study.StudyName;

        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ProgramFailedException($"Could not start '{argv[0]}': {e.Message}", e);
        }

        var stderr = new StringBuilder();
        var stderrTask = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync(CancellationToken.None).ConfigureAwait(false) is { } line)
            {
                lock (stderr)
                {
                    stderr.AppendLine(line);
                    if (stderr.Length > 4 * TailLength)
                    {
                        stderr.Remove(0, stderr.Length - TailLength);
                    }
                }
            }
        }, CancellationToken.None);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (trialTimeout is { } limit)
        {
            timeout.CancelAfter(limit);
        }

        IReadOnlyList<double>? result = null;
        string? lastLine = null;
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token).ConfigureAwait(false) is { } line)
            {
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                lastLine = line;
                if (TryParseJson(line, out var step, out var parsed))
                {
                    if (step is { } s)
                    {
                        trial.Report(parsed![0], s);
                        if (trial.ShouldPrune())
                        {
                            Kill(process);
                            throw new TrialPrunedException($"Pruned at step {s}.");
                        }
                    }
                    else
                    {
                        result = parsed;
                    }
                }
            }

            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            Kill(process);
            throw new ProgramFailedException($"Timed out after {trialTimeout!.Value.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.{Tail(stderr)}");
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            throw;
        }

        await stderrTask.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new ProgramFailedException($"The program exited with code {process.ExitCode}.{Tail(stderr)}");
        }

        result ??= lastLine is not null ? ParseNumbers(lastLine) : null;
        return result ?? throw new ProgramFailedException($"The program printed no value (expected a last line with a number, or {{\"value\": v}}).{Tail(stderr)}");
    }

    /// <summary>The environment variable that carries a parameter.</summary>
    public static string EnvName(string parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        var sb = new StringBuilder("ASTROLABE_PARAM_");
        foreach (char c in parameter)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_');
        }

        return sb.ToString();
    }

    private static bool TryParseJson(string line, out long? step, out IReadOnlyList<double>? values)
    {
        step = null;
        values = null;
        if (!line.TrimStart().StartsWith('{'))
        {
            return false;
        }

        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (root.TryGetProperty("values", out var many) && many.ValueKind == JsonValueKind.Array)
            {
                values = many.EnumerateArray().Select(e => e.GetDouble()).ToArray();
                return true;
            }

            if (!root.TryGetProperty("value", out var one) || one.ValueKind != JsonValueKind.Number)
            {
                return false;
            }

            values = [one.GetDouble()];
            if (root.TryGetProperty("step", out var s) && s.ValueKind == JsonValueKind.Number)
            {
                step = s.GetInt64();
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static double[]? ParseNumbers(string line)
    {
        var parts = line.Split([' ', '\t', ','], StringSplitOptions.RemoveEmptyEntries);
        var numbers = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]))
            {
                return null;
            }
        }

        return numbers.Length > 0 ? numbers : null;
    }

    private static string Tail(StringBuilder stderr)
    {
        string text;
        lock (stderr)
        {
            text = stderr.ToString().TrimEnd();
        }

        if (text.Length == 0)
        {
            return "";
        }

        return " stderr: " + (text.Length > TailLength ? "…" + text[^TailLength..] : text);
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }
}
