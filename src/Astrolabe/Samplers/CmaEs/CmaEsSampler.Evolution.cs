using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Astrolabe;

/// <content>The evolution: restoring it from the study, telling finished generations, sampling individuals.</content>
public sealed partial class CmaEsSampler
{
    private CmaEvolution? cached;
    private CmaSpace? space;
    private CmaMargin? margin;

    private string StateKey => AttrPrefix + "state";

    private string RestartKey => AttrPrefix + "restart";

    private string GenerationKey => AttrPrefix + "generation";

    private string IndividualKey => AttrPrefix + "individual";

    private string PointKey => AttrPrefix + "x";

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, double> SampleRelative(Study study, FrozenTrial trial, IReadOnlyDictionary<string, Distribution> searchSpace)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(searchSpace);
        var none = new Dictionary<string, double>();
        var solutions = TakeSolutionTrials(study, trial);
        if (searchSpace.Count < 2 || trial.SystemAttrs.ContainsKey(SystemAttrKeys.FixedParams))
        {
            // An enqueued trial's parameters are fixed by the user: it takes no place in a generation.
            return none;
        }

        if (solutions.Count < options.NStartupTrials)
        {
            return none;
        }

        lock (gate)
        {
            if (space is null || !space.Names.SequenceEqual(searchSpace.Keys.Order(StringComparer.Ordinal)))
            {
                space = new CmaSpace(searchSpace, options.WithMargin);
                margin = new CmaMargin(space.Steps);
                cached = null;
            }

            var evolution = Restore(study, solutions);
            if (evolution is null)
            {
                return none;
            }

            while (TellGeneration(study, evolution, solutions) is { } next)
            {
                // Stored first, then rebuilt from the stored numbers: a worker that restores the state
                // from the study computes exactly the same decomposition.
                study.SetSystemAttr(StateKey, next.ToAttr());
                evolution = CmaEvolution.For(next);
            }

            cached = evolution;
            var s = evolution.State;
            long individual = study.Storage.NextCounterValue(study.StudyId, string.Create(CultureInfo.InvariantCulture, $"{AttrPrefix}r{s.Restart}:g{s.Generation}"));
            var raw = SampleIndividual(evolution, individual);
            var encoded = margin!.Any ? margin.Encode(s, raw) : raw;
            study.Storage.SetTrialSystemAttr(trial.TrialId, RestartKey, s.Restart);
            study.Storage.SetTrialSystemAttr(trial.TrialId, GenerationKey, s.Generation);
            study.Storage.SetTrialSystemAttr(trial.TrialId, IndividualKey, individual);
            study.Storage.SetTrialSystemAttr(trial.TrialId, PointKey, raw.ToList());
            return space.ToInternal(encoded);
        }
    }

    /// <summary>The stored evolution, or a new one; null when the stored one is over different parameters.</summary>
    private CmaEvolution? Restore(Study study, List<FrozenTrial> solutions)
    {
        study.SystemAttrs.TryGetValue(StateKey, out var stored);
        if (stored is null)
        {
            var fresh = CmaEvolution.For(Start(study));
            study.SetSystemAttr(StateKey, fresh.State.ToAttr());
            return fresh;
        }

        if (cached is not null && CmaState.Stamp(stored) == (cached.State.Restart, cached.State.Generation))
        {
            return cached;
        }

        var state = CmaState.FromAttr(stored);
        if (!state.Names.SequenceEqual(space!.Names))
        {
            WarnOnce(study, ref warnedSpace,
                "CmaEsSampler's evolution covers [{Stored}] but the common parameters are now [{Current}]; the search space changed, so parameters are sampled by {Sampler}.",
                string.Join(", ", state.Names), string.Join(", ", space.Names), independent.GetType().Name);
            return null;
        }

        return CmaEvolution.For(state);
    }

    private CmaState Start(Study study)
    {
        int n = space!.Dim;
        int popsize = options.PopulationSize ?? CmaParameters.DefaultPopsize(n);
        long runSeed = CmaSeeds.Mix(seed, -7, -7, -7);
        double[]? cov = null;
        double[] mean;
        double sigma = options.Sigma0 ?? (1.0 / 6);
        if (options.SourceTrials is { } source)
        {
            var points = source
                .Where(t => (t.State == TrialState.Complete || (options.ConsiderPrunedTrials && t.State == TrialState.Pruned)) && t.Values is { Count: 1 })
                .Select(t => (X: space.ToUnit(t.InternalParams), Value: Sign(study) * t.Values![0]))
                .Where(p => p.X is not null)
                .Select(p => (p.X!, p.Value))
                .ToList();
            (mean, sigma, cov) = CmaWarmStart.Fit(points);
        }
        else if (options.X0 is { } x0)
        {
            mean = space.ToUnit(x0) ?? throw new ArgumentException($"X0 must give every parameter of the search space: {string.Join(", ", space.Names)}.");
        }
        else
        {
            mean = Enumerable.Repeat(0.5, n).ToArray();
        }

        return CmaState.Start(space.Names, options.UseSeparableCma, popsize, mean, Math.Max(sigma, 1e-8), cov, runSeed, margin!.Any, options.LrAdapt);
    }

    /// <summary>Tells the current generation when popsize of its trials have finished; returns the next state, or null.</summary>
    private CmaState? TellGeneration(Study study, CmaEvolution evolution, List<FrozenTrial> solutions)
    {
        var s = evolution.State;
        var generation = new List<(double[] X, double Value)>(s.Popsize);
        index.Update(study, solutions);
        foreach (var t in index.Generation(s.Restart, s.Generation))
        {
            if (generation.Count == s.Popsize)
            {
                break;
            }

            if (t.SystemAttrs.TryGetValue(PointKey, out var x) && x is System.Collections.IEnumerable list)
            {
                var point = list.Cast<object?>().Select(v => Convert.ToDouble(v, CultureInfo.InvariantCulture)).ToArray();
                if (point.Length == s.Dim)
                {
                    generation.Add((point, Sign(study) * t.Values![0]));
                }
            }
        }

        if (generation.Count < s.Popsize)
        {
            return null;
        }

        evolution.Tell(generation);
        margin!.Correct(s);
        if (options.RestartStrategy is { } strategy && evolution.ShouldStop())
        {
            var next = CmaRestarts.Next(s, strategy, options.IncPopsize, options.PopulationSize ?? CmaParameters.DefaultPopsize(s.Dim), options.Sigma0 ?? (1.0 / 6), options.LrAdapt);
            study.Logger.LogInformation("CmaEsSampler restarts ({Strategy}) after {Generations} generations with population {Popsize}.", strategy.ToString().ToLowerInvariant(), s.Generation, next.Popsize);
            return next;
        }

        return s;
    }

    /// <summary>Individual <paramref name="index"/> of the current generation: resampled until the continuous coordinates lie in [0, 1], then clipped.</summary>
    private double[] SampleIndividual(CmaEvolution evolution, long index)
    {
        var s = evolution.State;
        var rng = new Random(CmaSeeds.Mix(s.Seed, s.Restart, s.Generation, index));
        for (int attempt = 0; attempt < 10 * s.Dim; attempt++)
        {
            var x = evolution.Sample(rng);
            if (InBounds(x))
            {
                return x;
            }
        }

        var last = evolution.Sample(rng);
        for (int i = 0; i < last.Length; i++)
        {
            if (!margin!.IsDiscrete(i))
            {
                last[i] = Math.Clamp(last[i], 0, 1);
            }
        }

        return last;
    }

    private bool InBounds(double[] x)
    {
        for (int i = 0; i < x.Length; i++)
        {
            if ((x[i] < 0 || x[i] > 1) && !margin!.IsDiscrete(i))
            {
                return false;
            }
        }

        return true;
    }

    private static double Sign(Study study) => study.Direction == StudyDirection.Minimize ? 1 : -1;
}
