namespace Astrolabe.Optim;

/// <summary>What a step does when a gradient holds NaN or infinity.</summary>
public enum NonFiniteGradientPolicy
{
    /// <summary>Skip the step: parameters and optimizer state stay unchanged; <see cref="Optimizer.SkippedSteps"/> counts it.</summary>
    Skip,

    /// <summary>Throw an <see cref="ArithmeticException"/> naming the parameter; nothing is changed.</summary>
    Throw,
}
