namespace Astrolabe.Optim;

/// <summary>Argument validation with messages that name the argument and the rule.</summary>
internal static class Check
{
    public static double LearningRate(double lr, string name = "lr") =>
        double.IsFinite(lr) && lr >= 0 ? lr : throw new ArgumentOutOfRangeException(name, lr, $"The learning rate must be a finite number ≥ 0, got {lr}.");

    public static double Beta(double beta, string name) =>
        beta >= 0 && beta < 1 ? beta : throw new ArgumentOutOfRangeException(name, beta, $"{name} must be in [0, 1), got {beta}.");

    public static double NonNegative(double value, string name) =>
        double.IsFinite(value) && value >= 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number ≥ 0, got {value}.");

    public static double Positive(double value, string name) =>
        double.IsFinite(value) && value > 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number > 0, got {value}.");

    public static double Finite(double value, string name) =>
        double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite, got {value}.");
}
