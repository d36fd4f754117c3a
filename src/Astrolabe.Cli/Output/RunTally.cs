namespace Astrolabe.Cli;

/// <summary>
/// The trials one run of a command finished, counted by state, with the failed ones kept for the summary. Trials
/// that other processes run in the same study meanwhile are not counted. Fed by <see cref="OptimizeOptions.Callback"/>
/// (from the run's worker threads); each failure is passed to the constructor's callback as it happens, one at a time.
/// </summary>
internal sealed class RunTally(Action<FrozenTrial>? failed = null)
{
    private readonly Lock gate = new();
    private readonly List<FrozenTrial> failures = [];
    private int complete;
    private int pruned;

    /// <summary>Trials this run finished, in any state.</summary>
    public int Finished { get { lock (gate) { return complete + pruned + failures.Count; } } }

    public int Complete { get { lock (gate) { return complete; } } }

    public int Pruned { get { lock (gate) { return pruned; } } }

    public IReadOnlyList<FrozenTrial> Failures { get { lock (gate) { return [.. failures]; } } }

    /// <summary>True when this run finished trials and none of them completed: the command exits with <see cref="ExitCodes.NoTrialCompleted"/>.</summary>
    public bool NoneCompleted => Finished > 0 && Complete == 0;

    /// <summary>A callback for <see cref="OptimizeOptions.Callback"/>, chained before <paramref name="next"/>.</summary>
    public Action<Study, FrozenTrial> Callback(Action<Study, FrozenTrial>? next = null) => (study, trial) =>
    {
        Add(trial);
        next?.Invoke(study, trial);
    };

    public void Add(FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        lock (gate)
        {
            if (trial.State == TrialState.Complete)
            {
                complete++;
            }
            else if (trial.State == TrialState.Pruned)
            {
                pruned++;
            }
            else
            {
                failures.Add(trial);
                failed?.Invoke(trial);
            }
        }
    }

    /// <summary>Prints the failures of this run, grouped by reason (at most <paramref name="groups"/> reasons).</summary>
    public void PrintFailures(TextWriter writer, int groups = 5)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var byReason = Failures.GroupBy(FailureText.Of).ToList();
        if (byReason.Count == 0)
        {
            return;
        }

        writer.WriteLine("Failed trials of this run:");
        foreach (var g in byReason.Take(groups))
        {
            var numbers = g.Select(t => t.Number).Order().ToList();
            string which = numbers.Count == 1 ? $"trial {numbers[0]}" : $"{numbers.Count} trials ({string.Join(", ", numbers.Take(10))}{(numbers.Count > 10 ? ", …" : "")})";
            writer.WriteLine($"  {which}: {g.Key}");
        }

        if (byReason.Count > groups)
        {
            writer.WriteLine($"  … and {byReason.Count - groups} other reasons ('astrolabe export' lists each trial's fail_reason).");
        }
    }
}
