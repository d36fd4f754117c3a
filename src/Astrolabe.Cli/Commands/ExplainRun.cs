using Astrolabe.ModelSearch;

namespace Astrolabe.Cli.Commands;

/// <summary>What one <c>explain</c> run was asked for, checked against the model and the dataset.</summary>
internal sealed record ExplainRun(TrainedModel Model, SearchTask Task, int? Rows, int Repeats, int Seed, int? Class, int Steps, string Baseline, bool Probability, int Patch, int Top, string? Out);
