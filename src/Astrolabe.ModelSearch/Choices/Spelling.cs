using System.Reflection;
using System.Text.Json.Serialization;

namespace Astrolabe.ModelSearch;

/// <summary>
/// The names of a choice enum (<see cref="ActivationKind"/> …): each member's <see cref="JsonStringEnumMemberNameAttribute"/>,
/// in declaration order. The one place that turns names into values, so every boundary (JSON, the space's trial
/// parameters) reports an unknown name the same way: <c>Unknown activation 'swish'; known: relu, leaky_relu, …</c>.
/// </summary>
/// <typeparam name="T">The enum; its name less "Kind", in lower case, is what messages call it.</typeparam>
internal static class Spelling<T>
    where T : struct, Enum
{
    private static readonly T[] Values = Enum.GetValues<T>();

    private static readonly string[] Spellings = [.. Values.Select(v => typeof(T).GetField(v.ToString())!.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()!.Name)];

    /// <summary>What messages call a value, e.g. "activation".</summary>
    public static string What { get; } = typeof(T).Name.Replace("Kind", "", StringComparison.Ordinal).ToLowerInvariant();

    /// <summary>Every name, in declaration order.</summary>
    public static IReadOnlyList<string> Names => Spellings;

    /// <summary>The name of <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a member of <typeparamref name="T"/>.</exception>
    public static string Of(T value)
    {
        int i = Array.IndexOf(Values, value);
        return i >= 0 ? Spellings[i] : throw new ArgumentOutOfRangeException(nameof(value), value, $"Not a known {What}; known: {string.Join(", ", Spellings)}.");
    }

    /// <summary>The value named <paramref name="name"/> (exact spelling), or false.</summary>
    public static bool TryParse(string name, out T value)
    {
        int i = Array.IndexOf(Spellings, name);
        value = i >= 0 ? Values[i] : default;
        return i >= 0;
    }

    /// <summary>The message for a name that is not one of <see cref="Names"/>.</summary>
    public static string Unknown(string? name) => $"Unknown {What} '{name}'; known: {string.Join(", ", Spellings)}.";

    /// <summary>Whether <paramref name="value"/> is a member (a cast integer may not be).</summary>
    public static bool IsDefined(T value) => Array.IndexOf(Values, value) >= 0;
}
