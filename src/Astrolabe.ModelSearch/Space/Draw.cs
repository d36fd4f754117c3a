namespace Astrolabe.ModelSearch;

/// <summary>How the space and its families ask a trial: a range with equal bounds, or one choice, is a constant, not a parameter.</summary>
internal static class Draw
{
    public static int Int(Trial trial, string name, int low, int high, bool log = false) =>
        low == high ? low : trial.SuggestInt(name, low, high, log: log);

    public static T Choose<T>(Trial trial, string name, IReadOnlyList<T> choices) =>
        choices.Count == 1 ? choices[0] : trial.SuggestCategorical(name, choices);

    /// <summary>A choice among enum members, suggested by their names (so the trial records "relu", not a number).</summary>
    public static T Choose<T>(Trial trial, string name, IReadOnlyList<T> choices, Func<T, string> spell)
        where T : notnull
    {
        if (choices.Count == 1)
        {
            return choices[0];
        }

        string chosen = trial.SuggestCategorical(name, [.. choices.Select(spell)]);
        return choices.First(c => spell(c) == chosen);
    }
}
