namespace Astrolabe;

/// <summary>
/// What an <see cref="IImportanceEvaluator"/> judges, prepared once by <see cref="ParamImportances"/>: the parameters
/// to score (each taking at least two values over <see cref="Trials"/>), their distributions, the Complete trials that
/// have all of them and a finite target, and the target of each trial. Immutable.
/// </summary>
public sealed class ImportanceData
{
    private readonly double[] targets;

    internal ImportanceData(IReadOnlyList<string> parameters, IReadOnlyDictionary<string, Distribution> distributions,
        IReadOnlyList<FrozenTrial> trials, double[] targets, StudyDirection direction)
    {
        Parameters = parameters;
        Distributions = distributions;
        Trials = trials;
        this.targets = targets;
        Direction = direction;
    }

    /// <summary>The parameters to score, in name order.</summary>
    public IReadOnlyList<string> Parameters { get; }

    /// <summary>The distribution of each parameter (the same in every trial of <see cref="Trials"/>).</summary>
    public IReadOnlyDictionary<string, Distribution> Distributions { get; }

    /// <summary>The trials taken into account, in number order: at least two, Complete, each with every parameter.</summary>
    public IReadOnlyList<FrozenTrial> Trials { get; }

    /// <summary>The target of each trial of <see cref="Trials"/>, finite, not all equal.</summary>
    public IReadOnlyList<double> Targets => targets;

    /// <summary>Which target values are better.</summary>
    public StudyDirection Direction { get; }

    /// <summary>The internal values (category index for categorical parameters) of one parameter, one per trial.</summary>
    public double[] Column(string parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        if (!Distributions.ContainsKey(parameter))
        {
            throw new ArgumentException($"'{parameter}' is not one of the parameters being scored.", nameof(parameter));
        }

        var column = new double[Trials.Count];
        for (int i = 0; i < column.Length; i++)
        {
            column[i] = Trials[i].InternalParams[parameter];
        }

        return column;
    }

    internal double[] TargetArray => targets;
}
