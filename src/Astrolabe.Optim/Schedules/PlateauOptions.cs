namespace Astrolabe.Optim;

/// <summary>The settings of <see cref="ReduceLearningRateOnPlateau"/>, with PyTorch's defaults.</summary>
public sealed record PlateauOptions
{
    /// <summary>Whether a larger metric is better (PyTorch's mode "max"); false is mode "min".</summary>
    public bool Maximize { get; init; }

    /// <summary>The factor applied to the rate on a plateau, in [0, 1).</summary>
    public double Factor { get; init; } = 0.1;

    /// <summary>How many steps without improvement are tolerated.</summary>
    public int Patience { get; init; } = 10;

    /// <summary>The least improvement that counts.</summary>
    public double Threshold { get; init; } = 1e-4;

    /// <summary>Whether <see cref="Threshold"/> is relative to the best metric (mode "rel") or absolute ("abs").</summary>
    public bool RelativeThreshold { get; init; } = true;

    /// <summary>How many steps to wait after a reduction before counting again.</summary>
    public int Cooldown { get; init; }

    /// <summary>The lowest learning rate.</summary>
    public double MinLearningRate { get; init; }
}
