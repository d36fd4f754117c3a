using System.Diagnostics;

namespace Astrolabe;

/// <summary>
/// Attributes the process's CPU time and the machine's RAPL energy to the trials an optimisation runs: at every
/// trial's end, and at its start while others run, the counters are read, and what they advanced since the previous
/// reading is shared equally among the trials running in that interval (a trial that starts alone also takes what
/// was used since the previous trial ended: its own start). With one trial at a time a trial gets exactly what the
/// process used from the previous trial's end to its own; with several, each gets its share of every interval.
/// Reading the process's CPU time is a system call (2–7 µs, more with more threads: as much as a trivial trial
/// costs), so with <c>minCpuReadInterval</c> (1 ms from <see cref="Open"/>) a trial that ends alone less than that
/// after the last reading is taken to have kept one core busy since the previous trial ended, and the next reading
/// settles the difference (what the guesses missed goes to the trials running then; what they added beyond it is
/// taken off the next readings): the trials' CPU seconds still add up to the process's, and only trials shorter than
/// the interval carry a guess. Without readable RAPL counters the energy is estimated from the trial's CPU seconds
/// and the process's memory (<see cref="EnergyOptions"/>).
/// The peak managed memory of a trial is the largest managed-heap size (<see cref="GC.GetTotalMemory(bool)"/>, live
/// objects and garbage not yet collected) seen while it ran: at its start and end, every
/// <see cref="MemorySamplePeriod"/> while any trial runs, and the heap size before the last collection when one
/// happened during the trial. The heap is the process's: trials running at the same time see the same peak.
/// Thread-safe; dispose it to stop the sampling.
/// </summary>
internal sealed class CostMeter : IDisposable
{
    /// <summary>How often the managed heap is sampled while trials run.</summary>
    public static readonly TimeSpan MemorySamplePeriod = TimeSpan.FromMilliseconds(50);

    /// <summary>This process as the worker its trials' costs name: <c>host:pid</c>.</summary>
    public static readonly string ThisWorker = $"{Environment.MachineName}:{Environment.ProcessId}";

    private readonly Lock gate = new();
    private readonly EnergyOptions options;
    private readonly RaplMeter? rapl;
    private readonly Func<TimeSpan> cpuClock;
    private readonly TimeSpan minCpuReadInterval;
    private readonly Dictionary<long, OpenTrial> running = [];
    private double lastCpu;
    private long lastRead;
    private long lastPoint;
    private double guessed;
    private double? lastEnergy;
    private double? workingSetRead;
    private long workingSetAt;
    private Timer? sampler;

    public CostMeter(EnergyOptions options, Func<TimeSpan>? cpuClock = null, RaplMeter? rapl = null, TimeSpan minCpuReadInterval = default)
    {
        this.options = options;
        this.cpuClock = cpuClock ?? (() => Environment.CpuUsage.TotalTime);
        this.rapl = rapl;
        this.minCpuReadInterval = minCpuReadInterval;
        lastCpu = this.cpuClock().TotalSeconds;
        lastEnergy = rapl?.Joules();
        lastRead = lastPoint = Stopwatch.GetTimestamp();
    }

    /// <summary>How long after a reading of the CPU clock a trial ending alone is guessed instead (see the class).</summary>
    public static TimeSpan DefaultMinCpuReadInterval { get; } = TimeSpan.FromMilliseconds(1);

    /// <summary>Why energy is estimated rather than measured, or null when RAPL is read.</summary>
    public string? EstimateReason { get; init; }

    /// <summary>
    /// Opens the meter for a run, with RAPL when it can be read; without <paramref name="countProcessCpu"/> only the
    /// CPU time trials add themselves counts.
    /// </summary>
    public static CostMeter Open(EnergyOptions options, bool countProcessCpu = true)
    {
        var rapl = RaplMeter.TryOpen(options.PowercapRoot, out string? reason);
        return new CostMeter(options, countProcessCpu ? null : () => TimeSpan.Zero, rapl, DefaultMinCpuReadInterval) { EstimateReason = reason };
    }

    /// <summary>
    /// Starts attributing to a trial. When no other trial is running the counters are not read: what the process
    /// did since the last trial ended (starting this one: sampling its parameters) is this trial's too, and one
    /// reading fewer per trial (about 2 µs) matters to trivial objectives.
    /// </summary>
    public void Begin(long trialId)
    {
        lock (gate)
        {
            if (running.Count > 0)
            {
                Advance();
            }

            running[trialId] = new OpenTrial(Stopwatch.StartNew(), GC.GetTotalMemory(false), GC.CollectionCount(0));
            sampler ??= new Timer(_ => SampleMemory(), null, MemorySamplePeriod, MemorySamplePeriod);
        }
    }

    /// <summary>Stops the memory sampling.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            sampler?.Dispose();
            sampler = null;
        }
    }

    /// <summary>
    /// Stops attributing to a trial and returns what it cost, with <paramref name="externalCpu"/> seconds that other
    /// processes spent for it (its programs) added to its CPU time.
    /// </summary>
    public TrialCost End(long trialId, double externalCpu = 0)
    {
        lock (gate)
        {
            Advance();
            running.Remove(trialId, out var trial);
            return Cost(trial ?? new OpenTrial(Stopwatch.StartNew(), 0, GC.CollectionCount(0)), externalCpu);
        }
    }

    /// <summary>
    /// What a running trial has cost up to now, counted as <see cref="End"/> would; null when the trial is not running
    /// under this meter.
    /// </summary>
    public TrialCost? Peek(long trialId, double externalCpu = 0)
    {
        lock (gate)
        {
            if (!running.TryGetValue(trialId, out var trial))
            {
                return null;
            }

            Advance();
            return Cost(trial, externalCpu);
        }
    }

    private TrialCost Cost(OpenTrial trial, double externalCpu)
    {
        long peak = Math.Max(trial.PeakBytes, GC.GetTotalMemory(false));
        if (GC.CollectionCount(0) != trial.Collections)
        {
            // A collection ran during the trial: the heap was at its largest just before it.
            long before = 0;
            foreach (var generation in GC.GetGCMemoryInfo(GCKind.Any).GenerationInfo)
            {
                before += generation.SizeBeforeBytes;
            }

            peak = Math.Max(peak, before);
        }

        trial.PeakBytes = peak;
        double wall = trial.Clock.Elapsed.TotalSeconds;
        double cpu = trial.Cpu + externalCpu;
        double joules;
        EnergyMethod method;
        if (trial.Joules is { } measured && rapl is not null && lastEnergy is not null)
        {
            (joules, method) = (measured, EnergyMethod.Rapl);
        }
        else
        {
            double gigabytes = WorkingSetGigabytes();
            joules = (cpu * options.CpuTdpWatts / options.CpuCores) + (gigabytes * options.DramWattsPerGb * wall);
            method = EnergyMethod.Estimated;
        }

        return new TrialCost(wall, cpu, joules, method, joules / 3.6e6 * options.GridIntensity) { PeakManagedBytes = peak, Worker = ThisWorker };
    }

    /// <summary>
    /// The process's resident memory in GB, read at most once a second (reading it parses <c>/proc/self/status</c>,
    /// tens of microseconds: more than a trivial trial costs).
    /// </summary>
    private double WorkingSetGigabytes()
    {
        long now = Environment.TickCount64;
        if (workingSetRead is null || now - workingSetAt >= 1000)
        {
            workingSetRead = Environment.WorkingSet / 1e9;
            workingSetAt = now;
        }

        return workingSetRead.Value;
    }

    /// <summary>The sampling timer's tick (and tests'): raises the running trials' peaks to the heap's size now.</summary>
    internal void SampleMemory()
    {
        lock (gate)
        {
            if (running.Count == 0)
            {
                return;
            }

            long bytes = GC.GetTotalMemory(false);
            foreach (var trial in running.Values)
            {
                trial.PeakBytes = Math.Max(trial.PeakBytes, bytes);
            }
        }
    }

    /// <summary>Shares what the counters advanced since the last reading among the running trials.</summary>
    private void Advance()
    {
        long now = Stopwatch.GetTimestamp();
        if (rapl is null && running.Count == 1 && Stopwatch.GetElapsedTime(lastRead, now) < minCpuReadInterval)
        {
            double guess = Stopwatch.GetElapsedTime(lastPoint, now).TotalSeconds;
            foreach (var trial in running.Values)
            {
                trial.Cpu += guess;
            }

            guessed += guess;
            lastPoint = now;
            return;
        }

        double cpu = cpuClock().TotalSeconds;
        double? energy = rapl?.Joules();
        double owed = Math.Max(cpu - lastCpu, 0) - guessed;
        guessed = running.Count > 0 ? Math.Max(-owed, 0) : 0;
        (lastRead, lastPoint) = (now, now);
        if (running.Count > 0)
        {
            double cpuShare = Math.Max(owed, 0) / running.Count;
            double? energyShare = energy is { } e && lastEnergy is { } l ? Math.Max(e - l, 0) / running.Count : null;
            foreach (var trial in running.Values)
            {
                trial.Cpu += cpuShare;
                trial.Joules = energyShare is { } s && trial.Joules is { } j ? j + s : null;
            }
        }

        lastCpu = cpu;
        lastEnergy = energy;
    }

    private sealed class OpenTrial(Stopwatch clock, long bytes, int collections)
    {
        public Stopwatch Clock { get; } = clock;

        public long PeakBytes { get; set; } = bytes;

        public int Collections { get; } = collections;

        public double Cpu { get; set; }

        public double? Joules { get; set; } = 0;
    }
}
