using System.Globalization;

namespace Astrolabe;

/// <summary>
/// A trial's constraint values as stored in its system attribute <see cref="Key"/> (Optuna's name); read here, in the
/// trials' own folder, so that <see cref="FrozenTrial.Constraints"/> needs nothing above it.
/// </summary>
internal static class ConstraintValues
{
    /// <summary>The system attribute under which constraint values are stored.</summary>
    public const string Key = "constraints";

    /// <summary>The stored constraint values of a trial, or null when it has none.</summary>
    public static double[]? Read(FrozenTrial trial)
    {
        if (!trial.SystemAttrs.TryGetValue(Key, out var stored) || stored is not System.Collections.IEnumerable items || stored is string)
        {
            return null;
        }

        var result = new List<double>();
        foreach (object? item in items)
        {
            result.Add(Convert.ToDouble(item, CultureInfo.InvariantCulture));
        }

        return [.. result];
    }
}
