using System.Text.Json;

namespace Astrolabe.Bench.ModelSearch;

/// <summary>
/// How one listed configuration ended: its family, state, epochs trained, wall seconds, and validation accuracy after
/// the first and the last epoch.
/// </summary>
internal sealed record TrialOutcome(int Number, string Family, string State, int Epochs, double Seconds, double? FirstValue, double? LastValue);

/// <summary>
/// One side's result for one list, as one JSON line (snake_case; the peer writes the same keys): the search's wall
/// and CPU seconds, the final retrain's, the best validation accuracy, the retrained model's test accuracy, pruned
/// and failed trials, epochs trained, and each trial's outcome.
/// </summary>
internal sealed record SearchResult(
    string Side,
    string Version,
    int Seed,
    int Threads,
    int Trials,
    int MaxEpochs,
    double LoadSeconds,
    double SearchSeconds,
    double SearchCpuSeconds,
    double FinalSeconds,
    double FinalCpuSeconds,
    int BestTrial,
    double BestValAcc,
    double TestAcc,
    int Pruned,
    int Failed,
    int Epochs,
    IReadOnlyList<TrialOutcome> TrialOutcomes)
{
    private static readonly JsonSerializerOptions s_json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>The result as one JSON line.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, s_json);

    /// <summary>Reads every result line of a file.</summary>
    public static IReadOnlyList<SearchResult> ReadAll(string path) =>
        [.. File.ReadLines(path).Where(l => l.TrimStart().StartsWith('{')).Select(l => JsonSerializer.Deserialize<SearchResult>(l, s_json)
            ?? throw new InvalidDataException($"Empty result line in {path}."))];
}
