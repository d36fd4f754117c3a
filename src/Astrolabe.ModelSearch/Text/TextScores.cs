namespace Astrolabe.ModelSearch;

/// <summary>How well a text classifier labels a dataset.</summary>
/// <param name="Accuracy">The share of texts labelled correctly, in [0, 1].</param>
/// <param name="MacroF1">The F1 score of each class averaged with equal weights, in [0, 1].</param>
public sealed record TextScores(double Accuracy, double MacroF1);
