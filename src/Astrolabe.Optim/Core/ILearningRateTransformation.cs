namespace Astrolabe.Optim;

/// <summary>
/// The transformation of a chain that scales the updates by the learning rate and keeps that rate in its state: the
/// one place the rate lives. <see cref="Optimizer.LearningRate"/> reads and writes it there, and it is saved with the
/// rest of the state. An optimizer's chain holds at most one (directly or inside nested chains).
/// </summary>
public interface ILearningRateTransformation : IGradientTransformation
{
    /// <summary>The rate the next step multiplies by, as <paramref name="state"/> holds it.</summary>
    /// <param name="state">The state this transformation's <see cref="IGradientTransformation.Init"/> created.</param>
    double LearningRate(TransformState state);

    /// <summary>Sets the rate the next step multiplies by; it holds until a schedule moves the rate again.</summary>
    /// <param name="state">The state this transformation's <see cref="IGradientTransformation.Init"/> created.</param>
    /// <param name="learningRate">The rate, finite and ≥ 0.</param>
    void SetLearningRate(TransformState state, double learningRate);
}
