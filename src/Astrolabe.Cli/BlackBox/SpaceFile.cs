namespace Astrolabe.Cli.BlackBox;

/// <summary>
/// A search space read from a YAML or JSON file: the directions, the parameters in the order they are
/// suggested (a parameter with a condition is suggested only when the condition holds), and the sampler
/// and pruner to use. See <see cref="SpaceFileParser"/> for the format.
/// </summary>
public sealed record SpaceFile(
    IReadOnlyList<StudyDirection> Directions,
    IReadOnlyList<ParameterSpec> Parameters,
    ComponentSpec? Sampler,
    ComponentSpec? Pruner)
{
    /// <summary>Suggests every active parameter of the file in a trial and returns the values by name.</summary>
    public IReadOnlyDictionary<string, object?> Suggest(Trial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        var values = new Dictionary<string, object?>();
        foreach (var p in Parameters)
        {
            if (p.IsActive(values))
            {
                values[p.Name] = p.Distribution.ToExternal(trial.Suggest(p.Name, p.Distribution));
            }
        }

        return values;
    }
}

/// <summary>One parameter: its distribution and an optional condition on earlier parameters.</summary>
/// <param name="Name">The parameter's name, also its placeholder <c>{name}</c>.</param>
/// <param name="Distribution">The space it is drawn from.</param>
/// <param name="When">Earlier parameters and the values they must take for this one to be active; null when always active.</param>
/// <param name="Line">The line of the file where the parameter is defined.</param>
public sealed record ParameterSpec(string Name, Distribution Distribution, IReadOnlyDictionary<string, IReadOnlyList<object?>>? When, long Line)
{
    /// <summary>True when every condition holds for the values suggested so far.</summary>
    public bool IsActive(IReadOnlyDictionary<string, object?> earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return When is null || When.All(c => earlier.TryGetValue(c.Key, out var v) && c.Value.Any(allowed => CategoricalDistribution.SameChoice(allowed, v)));
    }
}

/// <summary>A sampler or pruner chosen in the file: its type name and options.</summary>
/// <param name="Type">The name, e.g. "random" or "median".</param>
/// <param name="Options">Option values by their snake_case name.</param>
/// <param name="Line">The line of the file where it is defined.</param>
public sealed record ComponentSpec(string Type, IReadOnlyDictionary<string, ScalarValue> Options, long Line);

/// <summary>A scalar option value with the line it came from, for error messages.</summary>
/// <param name="Value">The value: null, bool, long, double or string.</param>
/// <param name="Line">Its line in the file.</param>
public sealed record ScalarValue(object? Value, long Line);
