namespace Astrolabe;

/// <summary>
/// The number whose dependence on the parameters an importance measures: one objective of the study, a user
/// attribute, or any function of a trial. <see cref="Direction"/> says which values are better; only evaluators that
/// look at the best trials (<see cref="PedAnovaImportanceEvaluator"/>) read it.
/// </summary>
public sealed class ImportanceTarget
{
    private readonly Func<FrozenTrial, IReadOnlyList<StudyDirection>, double> select;

    private ImportanceTarget(string name, StudyDirection? direction, int? objective, Func<FrozenTrial, IReadOnlyList<StudyDirection>, double> select)
    {
        Name = name;
        Direction = direction;
        ObjectiveIndex = objective;
        this.select = select;
    }

    /// <summary>How the target is shown in messages: <c>objective 0</c>, <c>user attribute 'loss'</c>, or the given name.</summary>
    public string Name { get; }

    /// <summary>Which values are better; null for an objective, whose direction is the study's.</summary>
    public StudyDirection? Direction { get; }

    /// <summary>The objective's index when the target is an objective value, else null.</summary>
    public int? ObjectiveIndex { get; }

    /// <summary>The objective of index <paramref name="index"/> (0 for the first), better in the study's direction for it.</summary>
    public static ImportanceTarget Objective(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return new ImportanceTarget($"objective {index}", null, index, (trial, directions) =>
        {
            if (index >= directions.Count)
            {
                throw new ArgumentException($"The study has {directions.Count} objective(s); there is no objective {index}.");
            }

            return trial.Values is { } values && values.Count > index ? values[index] : double.NaN;
        });
    }

    /// <summary>
    /// The user attribute <paramref name="key"/> (a number, or a string holding one); a trial without it, or with a
    /// value that is not a number, has a NaN target, which <see cref="ParamImportances"/> reports as an error.
    /// </summary>
    public static ImportanceTarget UserAttr(string key, StudyDirection direction = StudyDirection.Minimize)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        return new ImportanceTarget($"user attribute '{key}'", direction, null,
            (trial, _) => trial.UserAttrs.TryGetValue(key, out var value) ? AsNumber(value) : double.NaN);
    }

    /// <summary>Any number computed from a trial (e.g. its duration in seconds), better in <paramref name="direction"/>.</summary>
    public static ImportanceTarget Of(string name, Func<FrozenTrial, double> selector, StudyDirection direction = StudyDirection.Minimize)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(selector);
        return new ImportanceTarget(name, direction, null, (trial, _) => selector(trial));
    }

    /// <summary>The target's value for one trial of a study with these directions (NaN when the trial lacks it).</summary>
    public double ValueOf(FrozenTrial trial, IReadOnlyList<StudyDirection> directions)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(directions);
        return select(trial, directions);
    }

    /// <summary>Which values are better in a study with these directions.</summary>
    public StudyDirection DirectionIn(IReadOnlyList<StudyDirection> directions)
    {
        ArgumentNullException.ThrowIfNull(directions);
        return Direction ?? (ObjectiveIndex is { } i && i < directions.Count ? directions[i] : StudyDirection.Minimize);
    }

    /// <inheritdoc />
    public override string ToString() => Name;

    private static double AsNumber(object? value) => value switch
    {
        double d => d,
        float f => f,
        int i => i,
        long l => l,
        decimal m => (double)m,
        bool b => b ? 1 : 0,
        string s when double.TryParse(s, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double d) => d,
        _ => double.NaN,
    };
}
