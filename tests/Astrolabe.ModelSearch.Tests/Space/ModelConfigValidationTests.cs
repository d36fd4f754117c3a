namespace Astrolabe.ModelSearch.Tests.Space;

public sealed class ModelConfigValidationTests
{
    public static TheoryData<string, string> OutOfRange() => new()
    {
        { "dropout=NaN", "The model configuration's dropout NaN is out of range; allowed: [0, 1)." },
        { "dropout=1", "The model configuration's dropout 1 is out of range; allowed: [0, 1)." },
        { "learning_rate=inf", "The model configuration's learning_rate Infinity is out of range; allowed: finite and > 0." },
        { "momentum=NaN", "The model configuration's momentum NaN is out of range; allowed: [0, 1)." },
        { "regularization=NaN", "The model configuration's regularization NaN is out of range; allowed: finite and >= 0." },
        { "clip_norm=NaN", "The model configuration's clip_norm NaN is out of range; allowed: finite and >= 0 (0: no clipping)." },
        { "batch_size=0", "The model configuration's batch_size 0 is out of range; allowed: >= 1." },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void AnOutOfRangeNumberIsNamedWithItsValueAndTheAllowedRange(string what, string message)
    {
        var config = new ModelConfig { Hidden = [4] };
        config = what switch
        {
            "dropout=NaN" => config with { Dropout = double.NaN },
            "dropout=1" => config with { Dropout = 1 },
            "learning_rate=inf" => config with { LearningRate = double.PositiveInfinity },
            "momentum=NaN" => config with { Momentum = double.NaN },
            "regularization=NaN" => config with { Regularization = double.NaN },
            "clip_norm=NaN" => config with { ClipNorm = double.NaN },
            _ => config with { BatchSize = 0 },
        };
        Assert.Equal(message, Assert.Throws<ArgumentException>(config.Validate).Message);
        Assert.Equal(message, Assert.Throws<ArgumentException>(() => ModelBuilder.Build(config, [3], 2, 1)).Message);
    }
}
