namespace Astrolabe;

/// <content>The split of the history and the density-ratio step.</content>
public sealed partial class TpeSampler
{
    private static readonly TrialState[] FinishedStates = [TrialState.Complete, TrialState.Pruned];
    private static readonly TrialState[] LiarStates = [TrialState.Complete, TrialState.Pruned, TrialState.Running];

    /// <summary>
    /// The split for one trial, made once when it samples its first parameter and reused for the rest
    /// (the history is read once per trial, not once per parameter).
    /// </summary>
    private sealed record SplitContext(Observation[] Observations, int Finished, int[] Below, int[] Above, double[]? BelowWeights, ParameterColumns Store);

    private SplitContext Context(Study study, FrozenTrial trial, StudyState state)
    {
        if (state.Contexts.TryGetValue(trial.TrialId, out var cached))
        {
            return cached;
        }

        bool constraints = options.ConstraintsFunc is not null;
        var observations = new List<Observation>();
        int finished = 0;
        // As in Optuna: under Hyperband a trial learns only from the trials of its own bracket.
        var history = study.Pruner.FilterHistory(study, trial, study.GetTrials(options.ConstantLiar ? LiarStates : FinishedStates));

        foreach (var t in history)
        {
            if (t.TrialId == trial.TrialId)
            {
                continue;
            }

            Observation? o;
            if (t.State == TrialState.Running)
            {
                o = Observation.From(t, study.Directions, constraints);
            }
            else if (!state.Finished.TryGetValue(t.TrialId, out o))
            {
                o = Observation.From(t, study.Directions, constraints);
                if (o is not null)
                {
                    o = o with { Ordinal = state.Columns.Count };
                    state.Columns.Add(o);
                    state.Finished[t.TrialId] = o;
                }
            }

            if (o is not null)
            {
                observations.Add(o);
                finished += o.IsRunning ? 0 : 1;
            }
        }

        SplitContext context;
        if (finished < options.NStartupTrials)
        {
            context = new SplitContext([.. observations], finished, [], [], null, state.Columns);
        }
        else
        {
            var (below, above) = ObservationSplit.Split(observations, options.Gamma(finished), constraints);
            var weights = study.Directions.Count > 1 ? ObservationSplit.MultiObjectiveWeights(observations, below)
                : options.AdaptiveKernels && !constraints ? ObservationSplit.ImprovementWeights(observations, below, above)
                : null;
            context = new SplitContext([.. observations], finished, below, above, weights, state.Columns);
        }

        if (state.Contexts.Count >= MaxOpenContexts)
        {
            state.Contexts.Clear();
        }

        state.Contexts[trial.TrialId] = context;
        return context;
    }

    private double[] SampleWithEstimators(SplitContext context, string[] names, Distribution[] space)
    {
        var (belowColumns, belowKept) = Columns(context, context.Below, names, space);
        var (aboveColumns, _) = Columns(context, context.Above, names, space);
        double[]? belowWeights = context.BelowWeights is { } w ? belowKept.Select(j => w[j]).ToArray() : null;
        var good = new ParzenEstimator(space, belowColumns, options, belowWeights);
        var rest = new ParzenEstimator(space, aboveColumns, options, null);
        var candidates = good.Sample(rng, options.NEiCandidates);
        var logGood = good.LogPdf(candidates);
        var logRest = rest.LogPdf(candidates);
        int best = 0;
        for (int s = 1; s < logGood.Length; s++)
        {
            if (logGood[s] - logRest[s] > logGood[best] - logRest[best])
            {
                best = s;
            }
        }

        return candidates.Select(column => column[best]).ToArray();
    }

    // The values of the given observations that hold every parameter of the space (with a compatible
    // distribution), one column per parameter; also which of the given positions were kept. Finished trials'
    // values come from the study's column store; running ones (constant liar) are read from the trial.
    private static (double[][] Columns, List<int> Kept) Columns(SplitContext context, int[] indices, string[] names, Distribution[] space)
    {
        var stored = new double[names.Length][];
        for (int d = 0; d < names.Length; d++)
        {
            stored[d] = context.Store.Column(names[d], space[d]);
        }

        var kept = new List<int>(indices.Length);
        var rows = new double[indices.Length * names.Length];
        for (int j = 0; j < indices.Length; j++)
        {
            var observation = context.Observations[indices[j]];
            int ordinal = observation.Ordinal, start = kept.Count * names.Length;
            bool complete = true;
            for (int d = 0; d < names.Length && complete; d++)
            {
                double v = ordinal >= 0 ? stored[d][ordinal] : ParameterColumns.Read(observation.Trial, names[d], space[d]);
                complete = !double.IsNaN(v);
                rows[start + d] = v;
            }

            if (complete)
            {
                kept.Add(j);
            }
        }

        var columns = new double[names.Length][];
        for (int d = 0; d < names.Length; d++)
        {
            columns[d] = new double[kept.Count];
            for (int r = 0; r < kept.Count; r++)
            {
                columns[d][r] = rows[(r * names.Length) + d];
            }
        }

        return (columns, kept);
    }
}
