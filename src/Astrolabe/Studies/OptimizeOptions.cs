namespace Astrolabe;

/// <summary>
/// How long and how wide <see cref="Study.Optimize(Func{Trial, double}, OptimizeOptions, CancellationToken)"/>
/// runs. Without <see cref="NTrials"/> and <see cref="Timeout"/> it runs until cancelled, stopped, or the
/// sampler is exhausted.
/// </summary>
public sealed record OptimizeOptions
{
    /// <summary>How many trials this call starts (across all its parallel workers).</summary>
    public int? NTrials { get; init; }

    /// <summary>No new trial starts after this much time; running ones finish.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>How many trials run at the same time in this process (default 1).</summary>
    public int Parallelism { get; init; } = 1;

    /// <summary>
    /// Exception types (and their subtypes) that fail a trial without stopping the study; the trial is
    /// recorded as Fail with the message. Any other exception is recorded and then rethrown.
    /// </summary>
    public IReadOnlyList<Type> Catch { get; init; } = [];

    /// <summary>Called after each trial has finished and been stored (from the worker's thread).</summary>
    public Action<Study, FrozenTrial>? Callback { get; init; }

    /// <summary>Receives a progress report after each trial.</summary>
    public IProgress<OptimizeProgress>? Progress { get; init; }

    /// <summary>
    /// Whether each trial records what it cost (<see cref="TrialCost"/>, the system attribute "cost"; default true).
    /// </summary>
    public bool RecordCost { get; init; } = true;

    /// <summary>
    /// Whether this process's CPU time counts toward each trial's cost (default true: the objective computes here).
    /// False where the objective runs other programs and adds their CPU time itself
    /// (<see cref="Trial.AddExternalCpuTime"/>), as the command line's <c>optimize</c> and <c>worker</c> do: then the
    /// host's bookkeeping is not charged to the trials.
    /// </summary>
    public bool CountProcessCpu { get; init; } = true;

    /// <summary>How recorded costs turn into energy and emissions (RAPL or the estimate, grid intensity).</summary>
    public EnergyOptions Energy { get; init; } = new();

    /// <summary>Limits on the whole study's spending, over all its workers (null: none).</summary>
    public StudyBudget? Budget { get; init; }

    internal void Validate()
    {
        if (NTrials is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(NTrials), NTrials, "The number of trials must be zero or positive.");
        }

        if (Timeout is { } t && t <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Timeout), t, "The timeout must be positive.");
        }

        if (Parallelism < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Parallelism), Parallelism, "Parallelism must be at least 1.");
        }

        ArgumentNullException.ThrowIfNull(Energy);
        Energy.Validate();
        Budget?.Validate();
        if (Budget is not null && !RecordCost)
        {
            throw new ArgumentException("A budget needs the trials' costs: RecordCost cannot be false with a Budget.");
        }

        foreach (var type in Catch)
        {
            if (!typeof(Exception).IsAssignableFrom(type))
            {
                throw new ArgumentException($"{type.Name} is not an exception type.", nameof(Catch));
            }
        }
    }
}

/// <summary>Where an optimisation run stands, reported after each trial.</summary>
/// <param name="Finished">Trials this run has finished, in any state.</param>
/// <param name="Target">The run's NTrials, if any.</param>
/// <param name="Complete">Trials of this run that completed.</param>
/// <param name="Pruned">Trials of this run that were pruned.</param>
/// <param name="Failed">Trials of this run that failed.</param>
/// <param name="BestValue">The study's best value so far (single objective), if any.</param>
/// <param name="Elapsed">Time since the run started.</param>
public sealed record OptimizeProgress(int Finished, int? Target, int Complete, int Pruned, int Failed, double? BestValue, TimeSpan Elapsed);
