using System.Globalization;
using System.Text;

namespace Astrolabe.Cli.BlackBox;

/// <summary>
/// Runs a program per trial. Parameters reach it three ways: placeholders in its arguments, environment
/// variables <c>ASTROLABE_PARAM_&lt;NAME&gt;</c> (upper case, other characters as <c>_</c>), and a JSON file
/// named by <c>ASTROLABE_PARAMS_FILE</c> (in the run's temporary folder); <c>ASTROLABE_TRIAL_NUMBER</c> and
/// <c>ASTROLABE_STUDY</c> are set too. Its standard input is empty. It reports on standard output (see
/// <see cref="OutputLine"/>): <c>{"step": n, "value": v}</c> lines are intermediate values (the program is stopped
/// if the pruner says so); the objective is the last line <c>{"value": v}</c> or <c>{"values": [...]}</c>, or else
/// the last line holding only numbers. A line may hold at most <see cref="MaxLineBytes"/> bytes. A non-zero exit, a
/// timeout, a malformed report, an over-long line, no value or a value that is inf or nan fails the trial, with the
/// tail of its standard error. When the program exits, is pruned or times out, whatever it started is stopped too,
/// and output that background processes still hold open is read for at most <see cref="DrainTime"/> more.
/// </summary>
public sealed class ProgramObjective
{
    /// <summary>The longest line, in bytes, that a program may print on standard output: 1 MiB.</summary>
    public const int MaxLineBytes = 1 << 20;

    /// <summary>How long output is still read after the program has exited and what it started has been stopped.</summary>
    public static readonly TimeSpan DrainTime = TimeSpan.FromSeconds(2);

    private readonly SpaceFile space;
    private readonly ProgramTemplate template;
    private readonly TimeSpan? trialTimeout;
    private readonly string folder;

    /// <summary>
    /// Creates the objective; parameter files go to <paramref name="folder"/>. Throws <see cref="ArgumentException"/>
    /// when a categorical choice holds a NUL character, which no argument or environment variable can carry.
    /// </summary>
    public ProgramObjective(SpaceFile space, ProgramTemplate template, TimeSpan? trialTimeout, string folder)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(folder);
        foreach (var p in space.Parameters)
        {
            if (p.Distribution is CategoricalDistribution c && c.Choices.OfType<string>().Any(s => s.Contains('\0', StringComparison.Ordinal)))
            {
                throw new ArgumentException($"Parameter '{p.Name}' has a choice with a NUL character, which no program argument or environment variable can carry.");
            }
        }

        this.space = space;
        this.template = template;
        this.trialTimeout = trialTimeout;
        this.folder = folder;
    }

    /// <summary>Evaluates one trial by running the program.</summary>
    public async Task<IReadOnlyList<double>> EvaluateAsync(Trial trial, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trial);
        var values = space.Suggest(trial);
        var inactive = space.Parameters.Select(p => p.Name).Where(n => !values.ContainsKey(n)).ToList();
        var argv = template.Render(values, trial.Number, inactive);
        string paramsFile = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"trial-{trial.TrialId}.json"));
        await File.WriteAllTextAsync(paramsFile, JsonValues.Serialize(values.ToDictionary(kv => kv.Key, kv => kv.Value)), cancellationToken).ConfigureAwait(false);
        try
        {
            var environment = values.Select(kv => KeyValuePair.Create(EnvName(kv.Key), ProgramTemplate.Format(kv.Value))).Concat(
            [
                KeyValuePair.Create("ASTROLABE_PARAMS_FILE", paramsFile),
                KeyValuePair.Create("ASTROLABE_TRIAL_NUMBER", trial.Number.ToString(CultureInfo.InvariantCulture)),
                KeyValuePair.Create("ASTROLABE_STUDY", trial.Study.StudyName),
            ]);
            return await RunAsync(trial, argv, environment, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(paramsFile);
        }
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

    private async Task<IReadOnlyList<double>> RunAsync(Trial trial, IReadOnlyList<string> argv, IEnumerable<KeyValuePair<string, string>> environment, CancellationToken ct)
    {
        using var program = ProgramProcess.Start(argv, environment);
        using var cpu = ProgramCpu.Watch(program.Id);
        var stderr = new OutputTail(program.Error);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (trialTimeout is { } limit)
        {
            timeout.CancelAfter(limit);
        }

        var output = new ProgramOutput(trial);
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
        var reading = output.ReadAsync(new LineReader(program.Output, MaxLineBytes), stopReading.Token);
        try
        {
            var exited = program.WaitForExitAsync(timeout.Token);
            var first = await Task.WhenAny(reading, exited).ConfigureAwait(false);
            cpu.Sample(); // its output ended or it exited: the last chance to read its account
            if (first == reading)
            {
                // The output ended (or a report stops the trial: pruned, malformed) before the program did.
                await reading.ConfigureAwait(false);
            }

            await exited.ConfigureAwait(false);
            trial.AddExternalCpuTime(cpu.Stop());

            // The program is gone; what it left running goes too, and with it its hold on the output.
            program.StopAll();
            await Drain(reading, stopReading, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            program.StopAll();
            await Drain(stderr.Completion, null, CancellationToken.None).ConfigureAwait(false);
            throw new ProgramFailedException($"Timed out after {trialTimeout!.Value.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.{stderr.Describe()}");
        }
        catch
        {
            program.StopAll();
            throw;
        }

        await Drain(stderr.Completion, null, CancellationToken.None).ConfigureAwait(false);
        if (program.ExitCode != 0)
        {
            throw new ProgramFailedException($"The program exited with code {program.ExitCode}.{stderr.Describe()}");
        }

        var result = output.Values
            ?? throw new ProgramFailedException($"The program printed no value (expected a last line with a number, or {{\"value\": v}}).{stderr.Describe()}");
        foreach (double v in result)
        {
            if (!double.IsFinite(v))
            {
                throw new ProgramFailedException($"The program reported {Format.Value(v)}, which is no objective value (inf, -inf and nan fail the trial).{stderr.Describe()}");
            }
        }

        return result;
    }

    /// <summary>Waits for a reader to reach the end of its stream for at most <see cref="DrainTime"/>, then stops it.</summary>
    private static async Task Drain(Task reader, CancellationTokenSource? stop, CancellationToken ct)
    {
        try
        {
            await reader.WaitAsync(DrainTime, ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Something that escaped the process group still holds the stream open: stop reading it.
            if (stop is not null)
            {
                await stop.CancelAsync().ConfigureAwait(false);
                try
                {
                    await reader.ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Stopped.
                }
            }
        }
    }
}
