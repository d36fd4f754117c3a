using System.Globalization;

namespace Astrolabe;

/// <summary>
/// A finite, unordered set of choices: strings, numbers, booleans or null. The internal value of a
/// choice is its index. Choices must be non-empty and distinct (numbers compare by value, so 1 and 1.0
/// are the same choice).
/// </summary>
public sealed record CategoricalDistribution : Distribution
{
    private readonly object?[] choices;

    /// <summary>Creates the space; throws <see cref="ArgumentException"/> on an empty list, a duplicate or an unsupported type.</summary>
    public CategoricalDistribution(IEnumerable<object?> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        this.choices = choices.Select(Normalize).ToArray();
        if (this.choices.Length == 0)
        {
            throw new ArgumentException("A categorical distribution needs at least one choice.");
        }

        for (int i = 0; i < this.choices.Length; i++)
        {
            for (int j = 0; j < i; j++)
            {
                if (ChoiceEquals(this.choices[i], this.choices[j]))
                {
                    throw new ArgumentException($"The choices of a categorical distribution must be distinct; '{Describe(this.choices[i])}' appears twice.");
                }
            }
        }
    }

    /// <summary>The choices, in the order given; the index of a choice is its internal value.</summary>
    public IReadOnlyList<object?> Choices => choices;

    /// <inheritdoc />
    internal override double SingleValue => 0;

    /// <inheritdoc />
    public override bool IsSingle => choices.Length == 1;

    /// <summary>The index of a choice; throws when the value is not one of the choices.</summary>
    public int IndexOf(object? value)
    {
        var v = Normalize(value);
        for (int i = 0; i < choices.Length; i++)
        {
            if (ChoiceEquals(choices[i], v))
            {
                return i;
            }
        }

        throw new ArgumentException($"'{Describe(value)}' is not one of the choices [{string.Join(", ", choices.Select(Describe))}].");
    }

    /// <inheritdoc />
    public override double ToInternal(object? external) => IndexOf(external);

    /// <inheritdoc />
    public override object? ToExternal(double internalValue) => choices[(int)internalValue];

    /// <inheritdoc />
    public override bool Contains(double internalValue) =>
        internalValue >= 0 && internalValue < choices.Length && internalValue == Math.Floor(internalValue);

    /// <inheritdoc />
    public bool Equals(CategoricalDistribution? other) =>
        other is not null && other.choices.Length == choices.Length
        && choices.Zip(other.choices).All(p => ChoiceEquals(p.First, p.Second) && SameKind(p.First, p.Second));

    /// <inheritdoc />
    public override int GetHashCode() => choices.Length;

    /// <inheritdoc />
    public override string ToString() => $"CategoricalDistribution(choices=[{string.Join(", ", choices.Select(Describe))}])";

    internal static string Describe(object? v) => v switch
    {
        null => "null",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "",
    };

    private static object? Normalize(object? v) => v switch
    {
        null or string or bool or double or long => v,
        int i => (long)i,
        short s => (long)s,
        float f => (double)f,
        decimal m => (double)m,
        _ => throw new ArgumentException($"A categorical choice must be a string, a number, a boolean or null; got {v.GetType().Name}."),
    };

    /// <summary>
    /// Whether two parameter values are the same choice: numbers compare by value whatever their type
    /// (1, 1L and 1.0 are equal), strings ordinally, anything else with <see cref="object.Equals(object, object)"/>.
    /// </summary>
    public static bool SameChoice(object? a, object? b) => ChoiceEquals(NormalizeNumber(a), NormalizeNumber(b));

    private static object? NormalizeNumber(object? v) => v switch
    {
        int i => (long)i,
        short s => (long)s,
        float f => (double)f,
        decimal m => (double)m,
        _ => v,
    };

    private static bool ChoiceEquals(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (long x, long y) => x == y,
        (long x, double y) => x == y,
        (double x, long y) => x == y,
        (double x, double y) => x.Equals(y),
        (string x, string y) => string.Equals(x, y, StringComparison.Ordinal),
        (bool x, bool y) => x == y,
        _ => Equals(a, b),
    };

    private static bool SameKind(object? a, object? b) => (a is long or double) == (b is long or double) || a?.GetType() == b?.GetType();
}
