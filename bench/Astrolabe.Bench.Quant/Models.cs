using Astrolabe.ModelSearch;

namespace Astrolabe.Bench.Quant;

/// <summary>
/// The demo's best CNN and best MLP on mnist10k (seed-0 `astrolabe demo`: trials #8 and #18), retrained on train +
/// validation as the demo retrains its winner.
/// </summary>
internal static class Models
{
    public static readonly (string Name, ModelConfig Config)[] All =
    [
        ("cnn", new ModelConfig
        {
            Family = ModelFamilies.Get("cnn"), Channels = [20, 32], Hidden = [59], Activation = ActivationKind.Relu, Dropout = 0.186281,
            Normalization = NormalizationKind.Batch, Optimizer = OptimizerKind.Adam, LearningRate = 0.000619784, BatchSize = 32, ClipNorm = 1,
            Schedule = ScheduleKind.Cosine, Epochs = 4,
        }),
        ("mlp", new ModelConfig
        {
            Family = ModelFamilies.Get("mlp"), Hidden = [86], Activation = ActivationKind.Relu, Dropout = 0.06,
            Normalization = NormalizationKind.Layer, Optimizer = OptimizerKind.Adam, LearningRate = 0.00135, BatchSize = 64, ClipNorm = 1,
            Schedule = ScheduleKind.WarmupCosine, Epochs = 5,
        }),
    ];

    public const int CalibrationRows = 512;
}
