namespace Astrolabe.Nn;

/// <summary>
/// Batch normalisation over channel dimension 1 of [N, C] or [N, C, H, W] inputs (PyTorch's BatchNorm1d/2d):
/// batch statistics in training (updating running mean and unbiased variance), running statistics in evaluation.
/// </summary>
public sealed class BatchNorm : Module
{
    /// <summary>Creates the layer.</summary>
    /// <param name="channels">The number of channels C.</param>
    /// <param name="momentum">The running-statistics momentum (PyTorch default 0.1).</param>
    /// <param name="eps">Added to the variance.</param>
    public BatchNorm(int channels, float momentum = 0.1f, float eps = 1e-5f)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        Momentum = momentum;
        Eps = eps;
        Weight = NewParameter("weight", channels);
        Array.Fill(Weight.Data, 1f);
        Bias = NewParameter("bias", channels);
        RunningMean = new float[channels];
        RunningVar = new float[channels];
        Array.Fill(RunningVar, 1f);
    }

    /// <summary>The per-channel scale.</summary>
    public Tensor Weight { get; }

    /// <summary>The per-channel shift.</summary>
    public Tensor Bias { get; }

    /// <summary>The running means (updated in training).</summary>
    public float[] RunningMean { get; }

    /// <summary>The running (unbiased) variances (updated in training).</summary>
    public float[] RunningVar { get; }

    /// <summary>The running-statistics momentum.</summary>
    public float Momentum { get; }

    /// <summary>Added to the variance.</summary>
    public float Eps { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor x) =>
        Functional.BatchNorm(x, RunningMean, RunningVar, Weight, Bias, IsTraining, Momentum, Eps, Name);

    /// <inheritdoc />
    protected override IEnumerable<(string Name, Tensor Tensor)> OwnParameters() => [("weight", Weight), ("bias", Bias)];

    /// <inheritdoc />
    protected override IEnumerable<(string Name, float[] Buffer)> OwnBuffers() =>
        [("running_mean", RunningMean), ("running_var", RunningVar)];
}
