namespace Astrolabe.Dashboard;

/// <summary>
/// Server-side filtering, sorting, paging and aggregation of a study's trials: one pass to filter and
/// aggregate, one O(m log m) sort of the m matching trials by a precomputed key, then only the page's rows
/// are built. A 100k-trial study answers in tens of milliseconds and the browser receives one page.
/// </summary>
public static class TrialTable
{
    /// <summary>The page of <paramref name="study"/>'s trials that <paramref name="query"/> asks for.</summary>
    public static TrialPage Query(StudySnapshot study, TrialQuery query)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        var filter = TrialFilter.Parse(study, query.Filter);
        var sort = TrialColumn.Resolve(study, query.Sort);
        bool single = study.Directions.Count == 1;
        var counts = Enum.GetValues<TrialState>().ToDictionary(s => s.ToString().ToLowerInvariant(), _ => 0);
        double? best = null;
        var matched = new List<int>(filter.IsEmpty ? study.Trials.Count : 0);
        for (int i = 0; i < study.Trials.Count; i++)
        {
            var t = study.Trials[i];
            if (!filter.Matches(t))
            {
                continue;
            }

            matched.Add(i);
            counts[t.State.ToString().ToLowerInvariant()]++;
            if (single && PlotValues.Objective(t, 0) is { } v && (best is not { } b || StorageRules.IsBetter(v, b, study.Directions[0])))
            {
                best = v;
            }
        }

        var order = matched.ToArray();
        var keys = new double[order.Length];
        for (int i = 0; i < order.Length; i++)
        {
            keys[i] = sort.Of(study.Trials[order[i]]);
        }

        var positions = Enumerable.Range(0, order.Length).ToArray();
        int sign = query.Descending ? -1 : 1;
        Array.Sort(positions, (a, b) =>
        {
            double ka = keys[a], kb = keys[b];
            bool na = double.IsNaN(ka), nb = double.IsNaN(kb);
            int c = na || nb ? na.CompareTo(nb) : sign * ka.CompareTo(kb);
            return c != 0 ? c : order[a].CompareTo(order[b]);
        });

        var rows = positions.Skip(query.Offset).Take(query.Limit).Select(p => Row(study.Trials[order[p]])).ToList();
        return new TrialPage(study.Trials.Count, order.Length, query.Offset, study.ParamNames(), study.Directions.Count, counts, best, rows)
        {
            HasCost = study.Trials.Any(t => t.SystemAttrs.ContainsKey(TrialCost.AttributeKey)),
            HasConstraints = study.Trials.Any(t => t.Constraints is not null),
        };
    }

    private static TrialRow Row(FrozenTrial t)
    {
        var cost = TrialCost.Of(t);
        return new(t.Number, t.State.ToString().ToLowerInvariant(), t.Values, t.Params, t.Duration?.TotalSeconds, t.DatetimeStart)
        {
            CpuSeconds = cost?.CpuSeconds,
            EnergyJoules = cost?.EnergyJoules,
            Feasible = t.Constraints is null ? null : t.IsFeasible,
        };
    }
}
