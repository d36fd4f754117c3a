namespace Astrolabe;

/// <summary>
/// Picks the parameters and trials an importance is computed over and checks them (see <see cref="ParamImportances"/>'s
/// remarks): the <see cref="ImportanceData"/> for the evaluator, and the parameters left out for taking one value.
/// </summary>
internal sealed record ImportanceInput(ImportanceData Data, IReadOnlyList<string> Constant)
{
    public static ImportanceInput Prepare(IReadOnlyList<FrozenTrial> trials, IReadOnlyList<StudyDirection> directions,
        IReadOnlyCollection<string>? names, ImportanceTarget? target)
    {
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentNullException.ThrowIfNull(directions);
        var complete = trials.Where(t => t.State == TrialState.Complete).OrderBy(t => t.Number).ToList();
        if (complete.Count < 2)
        {
            throw new ArgumentException($"Parameter importances need at least 2 Complete trials; there {(complete.Count == 1 ? "is 1" : $"are {complete.Count}")}.");
        }

        if (target is null && directions.Count > 1)
        {
            throw new ArgumentException($"The study has {directions.Count} objectives: choose the one to explain (a target such as ImportanceTarget.Objective(0)).");
        }

        target ??= ImportanceTarget.Objective(0);
        var space = names is null ? Intersection(complete) : Named(complete, names);
        var taken = new List<FrozenTrial>(complete.Count);
        var values = new List<double>(complete.Count);
        foreach (var trial in complete)
        {
            if (!space.Keys.All(trial.Distributions.ContainsKey))
            {
                continue;
            }

            double value = target.ValueOf(trial, directions);
            if (double.IsNaN(value))
            {
                throw new ArgumentException($"Trial {trial.Number} has no numeric {target.Name} (NaN); importances need a number for every Complete trial.");
            }

            if (double.IsFinite(value))
            {
                taken.Add(trial);
                values.Add(value);
            }
        }

        if (taken.Count < 2)
        {
            throw new ArgumentException($"Parameter importances need at least 2 Complete trials with every parameter judged and a finite {target.Name}; there {(taken.Count == 1 ? "is 1" : $"are {taken.Count}")}.");
        }

        if (values.All(v => v == values[0]))
        {
            throw new ArgumentException($"The {target.Name} is {values[0]} in all {taken.Count} trials: no parameter explains any of it.");
        }

        var varying = new List<string>();
        var constant = new List<string>();
        foreach (var (name, distribution) in space)
        {
            double first = taken[0].InternalParams[name];
            (distribution.IsSingle || taken.All(t => t.InternalParams[name] == first) ? constant : varying).Add(name);
        }

        if (varying.Count == 0 && space.Count > 0)
        {
            throw new ArgumentException($"No parameter takes more than one value over the {taken.Count} trials ({string.Join(", ", space.Keys)}): importances are undefined.");
        }

        var data = new ImportanceData(varying, space, taken, [.. values], target.DirectionIn(directions));
        return new ImportanceInput(data, constant);
    }

    // Optuna's intersection search space, in name order.
    private static SortedDictionary<string, Distribution> Intersection(List<FrozenTrial> complete)
    {
        var space = new SortedDictionary<string, Distribution>(complete[0].Distributions.ToDictionary(), StringComparer.Ordinal);
        foreach (var trial in complete)
        {
            foreach (var (name, distribution) in space.ToList())
            {
                if (!trial.Distributions.TryGetValue(name, out var other) || !other.Equals(distribution))
                {
                    space.Remove(name);
                }
            }
        }

        if (space.Count == 0)
        {
            throw new ArgumentException("The Complete trials share no parameter (every parameter is conditional or changed its range): name the parameters to judge.");
        }

        return space;
    }

    private static SortedDictionary<string, Distribution> Named(List<FrozenTrial> complete, IReadOnlyCollection<string> names)
    {
        if (names.Count == 0)
        {
            throw new ArgumentException("Name at least one parameter to judge.");
        }

        var known = complete.SelectMany(t => t.Distributions.Keys).ToHashSet(StringComparer.Ordinal);
        foreach (string name in names)
        {
            if (!known.Contains(name))
            {
                throw new ArgumentException($"No Complete trial has a parameter '{name}'; the parameters are: {string.Join(", ", known.Order(StringComparer.Ordinal))}.");
            }
        }

        var space = new SortedDictionary<string, Distribution>(StringComparer.Ordinal);
        foreach (var trial in complete.Where(t => names.All(t.Distributions.ContainsKey)))
        {
            foreach (string name in names)
            {
                var distribution = trial.Distributions[name];
                if (space.TryGetValue(name, out var seen) && !seen.Equals(distribution))
                {
                    throw new ArgumentException($"Parameter '{name}' has different distributions in different trials ({seen} and {distribution}); importances need one search space.");
                }

                space[name] = distribution;
            }
        }

        if (space.Count == 0)
        {
            throw new ArgumentException($"No Complete trial has all of {string.Join(", ", names)}.");
        }

        return space;
    }
}
