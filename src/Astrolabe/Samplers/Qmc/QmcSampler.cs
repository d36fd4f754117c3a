using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Astrolabe;

/// <summary>
/// Quasi-Monte Carlo sampling, in the shape of Optuna's <c>QMCSampler</c>: the parameters of the study's first
/// finished trial form the search space, and trial after trial takes the next point of a Sobol or Halton
/// sequence over it (categorical and stepped parameters take the cell the coordinate falls in). Each new
/// trial atomically reserves its sequence index through the storage's study counter before it is created,
/// so parallel threads and processes never draw the same point. The first trial, and any parameter outside
/// the space, go to the independent sampler (with a warning logged once).
/// </summary>
public sealed class QmcSampler : Sampler, IReservingSampler
{
    /// <summary>The trial system attribute that holds a trial's sequence index.</summary>
    public const string IndexAttr = "qmc:index";

    /// <summary>
    /// Each sequence's name in the storage counter's key (as Optuna spells it; a resumed study finds its counter by
    /// it) and its constructor from (dimension, scrambling seed or null).
    /// </summary>
    private static readonly Dictionary<QmcSequence, (string Key, Func<int, int?, ILowDiscrepancySequence> Create)> Sequences = new()
    {
        [QmcSequence.Sobol] = ("sobol", (dimension, seed) => new SobolSequence(dimension, seed)),
        [QmcSequence.Halton] = ("halton", (dimension, seed) => new HaltonSequence(dimension, seed)),
    };

    private readonly Lock gate = new();
    private readonly QmcSamplerOptions options;
    private readonly Sampler independent;
    private readonly int seed;
    private Dictionary<string, Distribution>? space;
    private ILowDiscrepancySequence? sequence;
    private bool warned;

    /// <summary>Creates the sampler; throws <see cref="ArgumentException"/> for an unknown <see cref="QmcSamplerOptions.QmcType"/>.</summary>
    public QmcSampler(QmcSamplerOptions? options = null)
    {
        this.options = options ?? new QmcSamplerOptions();
        if (!Sequences.ContainsKey(this.options.QmcType))
        {
            throw new ArgumentException($"Unknown QmcType '{this.options.QmcType}'; use {string.Join(" or ", Sequences.Keys)}.", nameof(options));
        }

        seed = this.options.Seed ?? Random.Shared.Next();
        independent = this.options.IndependentSampler ?? new RandomSampler(new RandomSamplerOptions { Seed = seed });
    }

    private string CounterKey => string.Create(CultureInfo.InvariantCulture, $"qmc:{Sequences[options.QmcType].Key}:{(options.Scramble ? "scrambled" : "plain")}:{seed}");

    /// <inheritdoc />
    public bool TryReserve(Study study, out IReadOnlyDictionary<string, object?>? systemAttrs)
    {
        ArgumentNullException.ThrowIfNull(study);
        long index = study.Storage.NextCounterValue(study.StudyId, CounterKey);
        systemAttrs = new Dictionary<string, object?> { [IndexAttr] = index };
        return true;
    }

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, Distribution> InferRelativeSearchSpace(Study study, FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        lock (gate)
        {
            if (space is null)
            {
                // As Optuna's QMCSampler: the space is the first finished trial's, not narrowed by later trials.
                var complete = study.GetTrials(TrialState.Complete);
                var first = complete.Count > 0 ? complete[0] : null;
                if (first is null)
                {
                    return new Dictionary<string, Distribution>();
                }

                var initial = new IntersectionSearchSpace();
                initial.Add(first);
                space = initial.Space!.Where(kv => !kv.Value.IsSingle).ToDictionary(kv => kv.Key, kv => kv.Value);
            }

            return space;
        }
    }

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, double> SampleRelative(Study study, FrozenTrial trial, IReadOnlyDictionary<string, Distribution> searchSpace)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(searchSpace);
        var result = new Dictionary<string, double>();
        if (searchSpace.Count == 0 || !trial.SystemAttrs.TryGetValue(IndexAttr, out var raw) || raw is null)
        {
            return result;
        }

        long index = Convert.ToInt64(raw, CultureInfo.InvariantCulture) + (options.Scramble ? 0 : 1);
        var names = searchSpace.Keys.Order(StringComparer.Ordinal).ToArray();
        var point = new double[names.Length];
        lock (gate)
        {
            if (sequence is null || sequence.Dimension != names.Length)
            {
                int? scrambleSeed = options.Scramble ? seed : null;
                sequence = Sequences[options.QmcType].Create(names.Length, scrambleSeed);
            }

            sequence.Point(index, point);
        }

        for (int i = 0; i < names.Length; i++)
        {
            result[names[i]] = UnitInterval.ToInternal(point[i], searchSpace[names[i]]);
        }

        return result;
    }

    /// <inheritdoc />
    public override double SampleIndependent(Study study, FrozenTrial trial, string name, Distribution distribution)
    {
        ArgumentNullException.ThrowIfNull(study);
        bool warn;
        lock (gate)
        {
            warn = options.WarnIndependentSampling && space is not null && !warned;
            warned |= warn;
        }

        if (warn)
        {
            study.Logger.LogWarning(
                "QmcSampler samples parameter '{Name}' of trial {Number} with {Sampler}: it is not in the search space of the first finished trial. This warning is logged once; set WarnIndependentSampling = false to silence it.",
                name, trial?.Number, independent.GetType().Name);
        }

        return independent.SampleIndependent(study, trial!, name, distribution);
    }

    /// <inheritdoc />
    public override void Reseed(int? seed) => independent.Reseed(seed);
}
