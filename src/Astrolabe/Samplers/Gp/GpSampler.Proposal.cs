namespace Astrolabe;

/// <content>From the study's trials to the next point.</content>
public sealed partial class GpSampler
{
    private const int MaxWarmStarts = 10;

    private Dictionary<string, double> Propose(Study study, FrozenTrial trial, IReadOnlyDictionary<string, Distribution> searchSpace, StudyState state)
    {
        var none = new Dictionary<string, double>();
        var directions = study.Directions;
        int objectives = directions.Count;
        var space = new GpSpace(searchSpace);
        int d = space.Dimensions;
        var history = study.Pruner.FilterHistory(study, trial, study.GetTrials(TrialState.Complete, TrialState.Running));
        var ids = new List<long>();
        var points = new List<double>();
        var values = new List<double[]>();
        var constraintValues = new List<double[]>();
        var pending = new List<double[]>();
        foreach (var t in history)
        {
            if (t.TrialId == trial.TrialId || space.Normalize(t.InternalParams) is not { } x)
            {
                continue;
            }

            if (t.State == TrialState.Running)
            {
                pending.Add(x);
                continue;
            }

            if (t.Values is not { } v || v.Count != objectives)
            {
                continue;
            }

            double[]? c = null;
            if (options.ConstraintsFunc is not null && (c = ConstraintValues.Read(t)) is null)
            {
                continue;
            }

            ids.Add(t.TrialId);
            points.AddRange(x);
            values.Add([.. v.Select((value, o) => directions[o] == StudyDirection.Maximize ? value : -value)]);
            if (c is not null)
            {
                constraintValues.Add(c);
            }
        }

        int n = ids.Count;
        if (n < Math.Max(1, options.NStartupTrials))
        {
            return none;
        }

        int constraintCount = constraintValues.Count > 0 ? constraintValues.Min(c => c.Length) : 0;
        if (constraintValues.Count > 0 && constraintValues.Any(c => c.Length != constraintCount))
        {
            throw new InvalidOperationException("The constraints function returned a different number of values for different trials.");
        }

        string spaceKey = string.Join(";", space.Names.Select(name => $"{name}={searchSpace[name]}"));
        var x0 = points.ToArray();
        var feasible = Enumerable.Range(0, n).Select(i => constraintCount == 0 || constraintValues[i].All(c => c <= 0)).ToArray();

        // Objective GPs (values to be maximised, standardised).
        var standardized = new double[objectives][];
        for (int o = 0; o < objectives; o++)
        {
            standardized[o] = Standardize(values.Select(v => v[o]).ToArray(), out _, out _);
        }

        if (constraintCount == 0 && standardized.All(s => s.All(v => v == 0)))
        {
            // A constant objective (so far) leaves nothing to model: the variance alone would send every proposal to a
            // corner of the space. The independent sampler goes on until the values differ.
            return none;
        }

        var objectiveModels = new GaussianProcess[objectives];
        for (int o = 0; o < objectives; o++)
        {
            objectiveModels[o] = Cache(state, $"objective{o}").Model(spaceKey, ids, x0, standardized[o], space.Categorical, options.DeterministicObjective);
        }

        // Constraint GPs (feasible at or below the standardised 0).
        var constraintModels = new GaussianProcess[constraintCount];
        var thresholds = new double[constraintCount];
        for (int c = 0; c < constraintCount; c++)
        {
            var raw = constraintValues.Select(v => v[c]).ToArray();
            var targets = Standardize(raw, out double mean, out double scale);
            thresholds[c] = (0 - mean) / scale;
            constraintModels[c] = Cache(state, $"constraint{c}").Model(spaceKey, ids, x0, targets, space.Categorical, options.DeterministicObjective);
        }

        if (pending.Count > 0)
        {
            objectiveModels = [.. objectiveModels.Select((model, o) => WithPending(model, pending, standardized[o].Min()))];
            constraintModels = [.. constraintModels.Select(model => WithPending(model, pending, null))];
        }

        var feasibleRows = Enumerable.Range(0, n).Where(i => feasible[i]).ToList();
        GpAcquisition acquisition;
        var warmStarts = new List<double[]>();
        if (feasibleRows.Count == 0)
        {
            acquisition = GpAcquisition.Feasibility(constraintModels, thresholds);
        }
        else if (objectives == 1)
        {
            int bestRow = feasibleRows.MaxBy(i => standardized[0][i]);
            acquisition = GpAcquisition.ExpectedImprovement(objectiveModels[0], standardized[0][bestRow], constraintModels, thresholds);
            warmStarts.Add(x0.AsSpan(bestRow * d, d).ToArray());
        }
        else
        {
            // Minimised standardised values of the feasible trials; Optuna's reference point: 1.1 × the worst (0.9 × when negative).
            var minimized = feasibleRows.Select(i => standardized.Select(s => -s[i]).ToArray()).ToList();
            var reference = new double[objectives];
            for (int o = 0; o < objectives; o++)
            {
                double worst = minimized.Max(p => p[o]);
                reference[o] = Math.Max(1.1 * worst, 0.9 * worst);
                if (reference[o] == 0)
                {
                    reference[o] = 1e-12;
                }
            }

            var boxes = HypervolumeBoxes.Build(minimized, reference);
            acquisition = GpAcquisition.ExpectedHypervolumeImprovement(objectiveModels, boxes, constraintModels, thresholds);
            var front = HypervolumeBoxes.ParetoFront(minimized);
            foreach (var row in feasibleRows.Where(i => front.Any(p => p.SequenceEqual(standardized.Select(s => -s[i])))).Take(MaxWarmStarts))
            {
                warmStarts.Add(x0.AsSpan(row * d, d).ToArray());
            }
        }

        var best = AcquisitionOptimizer.Maximize(acquisition, space, options.NPreliminarySamples, options.NLocalSearch, warmStarts, ProposalSeed(seed, trial.Number));
        return space.Denormalize(best);
    }

    /// <summary>
    /// The seed of one trial's candidates: the same in every process for the same sampler seed and trial number (a
    /// SplitMix64 step; <see cref="HashCode"/> is randomised per process and would make a seeded study unrepeatable).
    /// </summary>
    internal static int ProposalSeed(int seed, int trialNumber)
    {
        ulong z = unchecked(((ulong)(uint)seed << 32) + (uint)trialNumber + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (int)((z ^ (z >> 31)) & int.MaxValue);
    }

    private static GpModelCache Cache(StudyState state, string key)
    {
        if (!state.Models.TryGetValue(key, out var cache))
        {
            cache = new GpModelCache();
            state.Models[key] = cache;
        }

        return cache;
    }

    /// <summary>
    /// A copy of the model that also holds the running trials' points: objectives at the worst value seen (the
    /// constant liar, as TPE's: the acquisition then drops around each running point, so workers spread out),
    /// constraints at the values the model predicts there (the Kriging believer; <paramref name="lie"/> null).
    /// </summary>
    private static GaussianProcess WithPending(GaussianProcess model, List<double[]> pending, double? lie)
    {
        var copy = model.Clone();
        foreach (var x in pending)
        {
            double value = lie ?? copy.PosteriorWithGradient(x, new double[x.Length], new double[x.Length]).Mean;
            copy.TryAdd(x, value);
        }

        return copy;
    }

    /// <summary>
    /// (v − mean) / std, with ±∞ clipped to the extreme finite values first (all non-finite: all 0) and a standard
    /// deviation of 0 (a constant objective) taken as 1.
    /// </summary>
    internal static double[] Standardize(double[] values, out double mean, out double scale)
    {
        var finite = values.Where(double.IsFinite).ToArray();
        if (finite.Length == 0)
        {
            (mean, scale) = (0, 1);
            return new double[values.Length];
        }

        double lo = finite.Min(), hi = finite.Max();
        var clipped = values.Select(v => double.IsNaN(v) ? lo : Math.Clamp(v, lo, hi)).ToArray();
        mean = clipped.Average();
        double m = mean;
        double variance = clipped.Sum(v => (v - m) * (v - m)) / clipped.Length;
        scale = variance > 1e-24 * Math.Max(1, m * m) ? Math.Sqrt(variance) : 1;
        double s = scale;
        return [.. clipped.Select(v => (v - m) / s)];
    }
}
