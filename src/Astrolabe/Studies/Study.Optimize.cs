using Microsoft.Extensions.Logging;
using System.Diagnostics;

namespace Astrolabe;

/// <content>The optimisation loop: sequential, parallel, synchronous and asynchronous.</content>
public sealed partial class Study
{
    /// <summary>Runs trials of a single-objective function; see <see cref="OptimizeOptions"/>.</summary>
    public void Optimize(Func<Trial, double> objective, int? nTrials = null, TimeSpan? timeout = null, int parallelism = 1,
        IReadOnlyList<Type>? catchExceptions = null, Action<Study, FrozenTrial>? callback = null)
    {
        ArgumentNullException.ThrowIfNull(objective);
        Optimize(objective, new OptimizeOptions { NTrials = nTrials, Timeout = timeout, Parallelism = parallelism, Catch = catchExceptions ?? [], Callback = callback });
    }

    /// <summary>
    /// Runs trials of a single-objective function until the options' budget is spent or the token is
    /// cancelled; cancellation fails the running trials and ends with <see cref="OperationCanceledException"/>.
    /// </summary>
    public void Optimize(Func<Trial, double> objective, OptimizeOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objective);
        Run((t, _) => new ValueTask<IReadOnlyList<double>>([objective(t)]), options, cancellationToken).GetAwaiter().GetResult();
    }

    /// <summary>Runs trials of a multi-objective function (one value per direction).</summary>
    public void Optimize(Func<Trial, IReadOnlyList<double>> objective, int? nTrials = null, TimeSpan? timeout = null, int parallelism = 1)
    {
        ArgumentNullException.ThrowIfNull(objective);
        Optimize(objective, new OptimizeOptions { NTrials = nTrials, Timeout = timeout, Parallelism = parallelism });
    }

    /// <summary>Runs trials of a multi-objective function until the options' budget is spent or the token is cancelled.</summary>
    public void Optimize(Func<Trial, IReadOnlyList<double>> objective, OptimizeOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objective);
        Run((t, _) => new ValueTask<IReadOnlyList<double>>(objective(t)), options, cancellationToken).GetAwaiter().GetResult();
    }

    /// <summary>Runs trials of an asynchronous single-objective function; <see cref="OptimizeOptions.Parallelism"/> trials at a time.</summary>
    public Task OptimizeAsync(Func<Trial, CancellationToken, Task<double>> objective, OptimizeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objective);
        return Run(async (t, ct) => [await objective(t, ct).ConfigureAwait(false)], options ?? new OptimizeOptions(), cancellationToken);
    }

    /// <summary>Runs trials of an asynchronous multi-objective function.</summary>
    public Task OptimizeAsync(Func<Trial, CancellationToken, Task<IReadOnlyList<double>>> objective, OptimizeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objective);
        return Run(async (t, ct) => await objective(t, ct).ConfigureAwait(false), options ?? new OptimizeOptions(), cancellationToken);
    }

    private async Task Run(Func<Trial, CancellationToken, ValueTask<IReadOnlyList<double>>> objective, OptimizeOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        stopRequested = false;
        var run = new RunState(options, Stopwatch.StartNew());
        if (options.RecordCost)
        {
            run.Meter = CostMeter.Open(options.Energy, options.CountProcessCpu);
            if (run.Meter.EstimateReason is { } reason && !reason.StartsWith("no RAPL", StringComparison.Ordinal))
            {
                Logger.LogWarning("Energy is estimated, not measured: {Reason}.", reason);
            }
        }

        using var meter = run.Meter;
        await using var keeper = Heartbeat is { } h && Storage is IHeartbeatStorage beats ? new HeartbeatKeeper(beats, h.Interval, Logger) : null;
        run.Keeper = keeper;
        if (options.Parallelism == 1)
        {
            await Worker(objective, run, ct).ConfigureAwait(false);
            ct.ThrowIfCancellationRequested();
            return;
        }

        // Dedicated threads: synchronous objectives block, and must not wait for thread-pool growth.
        var workers = Enumerable.Range(0, options.Parallelism)
            .Select(_ => Task.Factory.StartNew(() => Worker(objective, run, ct), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap())
            .ToArray();
        try
        {
            await Task.WhenAll(workers).ConfigureAwait(false);
        }
        catch
        {
            var first = workers.Where(w => w.IsFaulted).Select(w => w.Exception!.InnerException!).FirstOrDefault();
            if (first is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first).Throw();
            }

            throw;
        }

        ct.ThrowIfCancellationRequested();
    }

    private async Task Worker(Func<Trial, CancellationToken, ValueTask<IReadOnlyList<double>>> objective, RunState run, CancellationToken ct)
    {
        while (!stopRequested && !ct.IsCancellationRequested && run.MayStart())
        {
            if (run.Keeper is not null)
            {
                FailStaleTrials();
            }

            if (run.Options.Budget?.Spent(GetTrials(TrialState.Complete, TrialState.Pruned, TrialState.Fail, TrialState.Running), DateTimeOffset.UtcNow) is { } spent)
            {
                Logger.LogInformation("Study '{Study}' stops: {Reason}", StudyName, spent);
                stopRequested = true;
                return;
            }

            Trial trial;
            try
            {
                trial = StartTrial(null, run.Keeper?.Storage);
            }
            catch (SamplerExhaustedException)
            {
                stopRequested = true;
                return;
            }

            run.Keeper?.Add(trial.TrialId);
            FrozenTrial finished;
            try
            {
                finished = await RunTrial(trial, objective, run, ct).ConfigureAwait(false);
            }
            catch (InvalidOperationException) when (run.Keeper is not null && FailedAsStale(trial.TrialId) is { } lost)
            {
                // This worker stalled past the grace period and another one failed its trial: go on.
                finished = lost;
            }
            catch
            {
                stopRequested = true;
                throw;
            }
            finally
            {
                run.Keeper?.Remove(trial.TrialId);
            }

            run.Options.Callback?.Invoke(this, finished);
            run.Report(this, finished);
        }
    }

    private async Task<FrozenTrial> RunTrial(Trial trial, Func<Trial, CancellationToken, ValueTask<IReadOnlyList<double>>> objective, RunState run, CancellationToken ct)
    {
        var options = run.Options;
        IReadOnlyList<double> values;
        run.Meter?.Begin(trial.TrialId);
        trial.Meter = run.Meter;
        try
        {
            values = await objective(trial, ct).ConfigureAwait(false);
        }
        catch (TrialPrunedException)
        {
            RecordCost(trial, run.Meter);
            return Tell(trial, TrialState.Pruned);
        }
        catch (Exception e)
        {
            RecordCost(trial, run.Meter);
            Tell(trial, TrialState.Fail, $"{e.GetType().Name}: {e.Message}");
            if (e is OperationCanceledException && ct.IsCancellationRequested)
            {
                throw;
            }

            if (!options.Catch.Any(type => type.IsInstanceOfType(e)))
            {
                throw;
            }

            return Storage.GetTrial(trial.TrialId);
        }

        RecordCost(trial, run.Meter);
        return Tell(trial, values);
    }

    /// <summary>Stores what the trial cost, while it can still be written to.</summary>
    private static void RecordCost(Trial trial, CostMeter? meter)
    {
        trial.Meter = null;
        if (meter is not null)
        {
            trial.SetSystemAttr(TrialCost.AttributeKey, meter.End(trial.TrialId, trial.ExternalCpuTime.TotalSeconds).ToAttribute());
        }
    }

    private sealed class RunState(OptimizeOptions options, Stopwatch clock)
    {
        private int started;
        private int finished;
        private int complete;
        private int pruned;
        private int failed;

        public OptimizeOptions Options { get; } = options;

        public HeartbeatKeeper? Keeper { get; set; }

        public CostMeter? Meter { get; set; }

        public bool MayStart()
        {
            if (Options.Timeout is { } timeout && clock.Elapsed >= timeout)
            {
                return false;
            }

            return Options.NTrials is not { } n || Interlocked.Increment(ref started) <= n;
        }

        public void Report(Study study, FrozenTrial trial)
        {
            int done = Interlocked.Increment(ref finished);
            _ = trial.State switch
            {
                TrialState.Complete => Interlocked.Increment(ref complete),
                TrialState.Pruned => Interlocked.Increment(ref pruned),
                _ => Interlocked.Increment(ref failed),
            };
            if (Options.Progress is null)
            {
                return;
            }

            double? best = null;
            if (study.Directions.Count == 1 && complete > 0)
            {
                best = study.BestValue;
            }

            Options.Progress.Report(new OptimizeProgress(done, Options.NTrials, complete, pruned, failed, best, clock.Elapsed));
        }
    }
}
