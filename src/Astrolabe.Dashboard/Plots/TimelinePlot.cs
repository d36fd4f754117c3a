using System.Globalization;
using System.Text.Json.Nodes;

namespace Astrolabe.Dashboard;

/// <summary>One bar of the timeline: a trial on its worker from start to end.</summary>
/// <param name="Number">The trial's number.</param>
/// <param name="Worker">The worker's label.</param>
/// <param name="Start">When it started.</param>
/// <param name="End">When it finished, or the snapshot's latest time for a Running trial.</param>
/// <param name="State">Its state.</param>
public sealed record TimelineBar(int Number, string Worker, DateTimeOffset Start, DateTimeOffset End, TrialState State);

/// <summary>
/// Timeline: each trial as a bar from start to finish, one row per worker. A trial's worker is its
/// <see cref="WorkerIdKey"/> system attribute when one is set; otherwise trials are placed in lanes as a
/// parallel run executes them: each trial on the lowest-numbered lane free when it started, which is the
/// worker thread that ran it whenever workers take the next trial as soon as they are free.
/// </summary>
public sealed class TimelinePlot : Plot
{
    /// <summary>The system attribute naming the worker that ran a trial.</summary>
    public const string WorkerIdKey = "worker_id";

    /// <summary>The most bars drawn (the latest trials).</summary>
    public const int MaxBars = 2000;

    /// <inheritdoc />
    public override string Kind => "timeline";

    /// <inheritdoc />
    public override string Title => "Timeline";

    /// <summary>The bars of every started trial, in start order.</summary>
    public static IReadOnlyList<TimelineBar> Compute(StudySnapshot study)
    {
        ArgumentNullException.ThrowIfNull(study);
        var started = study.Trials.Where(t => t.DatetimeStart is not null).OrderBy(t => t.DatetimeStart).ThenBy(t => t.Number).ToList();
        if (started.Count == 0)
        {
            return [];
        }

        var latest = started.Max(t => t.DatetimeComplete ?? t.DatetimeStart!.Value);
        int lanes = 0;
        var free = new PriorityQueue<int, int>();
        var busy = new PriorityQueue<int, DateTimeOffset>();
        var bars = new List<TimelineBar>(started.Count);
        foreach (var t in started)
        {
            var start = t.DatetimeStart!.Value;
            var end = t.DatetimeComplete ?? latest;
            string worker;
            if (t.SystemAttrs.TryGetValue(WorkerIdKey, out var id) && id is not null)
            {
                worker = Convert.ToString(id, CultureInfo.InvariantCulture) ?? "";
            }
            else
            {
                while (busy.TryPeek(out int lane, out var until) && until <= start)
                {
                    busy.Dequeue();
                    free.Enqueue(lane, lane);
                }

                if (!free.TryDequeue(out int chosen, out _))
                {
                    chosen = lanes++;
                }

                busy.Enqueue(chosen, end);
                worker = $"lane {chosen}";
            }

            bars.Add(new TimelineBar(t.Number, worker, start, end, t.State));
        }

        return bars;
    }

    /// <inheritdoc />
    public override JsonObject Option(StudySnapshot study)
    {
        ArgumentNullException.ThrowIfNull(study);
        var bars = Compute(study);
        var shown = bars.Skip(Math.Max(0, bars.Count - MaxBars)).ToList();
        var workers = shown.Select(b => b.Worker).Distinct().Order(StringComparer.Ordinal).ToList();
        var row = workers.Select((w, i) => (w, i)).ToDictionary(p => p.w, p => p.i);
        string? note = shown.Count < bars.Count ? $"the latest {shown.Count} of {bars.Count} trials shown" : null;
        var option = PlotValues.Frame(Title, note);
        option["legend"] = new JsonObject { ["top"] = 40 };
        option["grid"] = new JsonObject { ["top"] = 80, ["left"] = 80, ["right"] = 30, ["bottom"] = 50 };
        option["xAxis"] = new JsonObject { ["type"] = "time", ["name"] = "time", ["nameLocation"] = "middle", ["nameGap"] = 28 };
        option["yAxis"] = new JsonObject { ["type"] = "category", ["data"] = PlotValues.Array(workers.Select(w => (JsonNode?)JsonValue.Create(w))) };

        // Drawn by the "timeline" renderer of charts.js: each item is [worker row, start ms, end ms, trial number].
        var series = new JsonArray();
        foreach (var state in Enum.GetValues<TrialState>())
        {
            var items = shown.Where(b => b.State == state).ToList();
            if (items.Count == 0)
            {
                continue;
            }

            series.Add(new JsonObject
            {
                ["type"] = "custom",
                ["renderer"] = "timeline",
                ["id"] = $"timeline-{state.ToString().ToLowerInvariant()}",
                ["name"] = state.ToString().ToLowerInvariant(),
                ["color"] = StateColor(state),
                ["encode"] = new JsonObject { ["x"] = new JsonArray(1, 2), ["y"] = 0 },
                ["data"] = PlotValues.Array(items.Select(b => (JsonNode?)PlotValues.Numbers(
                    row[b.Worker], b.Start.ToUnixTimeMilliseconds(), Math.Max(b.End.ToUnixTimeMilliseconds(), b.Start.ToUnixTimeMilliseconds() + 1), b.Number))),
            });
        }

        option["series"] = series;
        return option;
    }

    /// <summary>The colour a state is drawn in.</summary>
    internal static string StateColor(TrialState state) => state switch
    {
        TrialState.Complete => "#1f77b4",
        TrialState.Pruned => "#ff7f0e",
        TrialState.Fail => "#d62728",
        TrialState.Running => "#2ca02c",
        _ => "#7f7f7f",
    };
}
