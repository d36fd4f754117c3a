namespace Astrolabe.ModelSearch.Tests.Training;

/// <summary>Precision as a dimension of the model space: drawn by trials, trained and converted, measured in bytes.</summary>
public sealed class PrecisionSearchTests
{
    private static readonly SearchTask Digits = BuiltInTasks.Load("digits");

    [Fact]
    public void AnInt8ConfigurationTrainsIntoAnInt8ModelScoredAsInt8()
    {
        var config = new ModelConfig { Family = ModelFamilies.Get("cnn"), Channels = [8], Hidden = [32], Normalization = NormalizationKind.Batch, Epochs = 3, Precision = ModelPrecision.QInt8 };
        var model = ModelTraining.Fit(config, Digits, Digits.Train, Digits.Validation, seed: 3);
        Assert.Equal(ModelPrecision.QInt8, model.Precision);
        Assert.NotNull(model.Quantized);
        Assert.Equal(model.Score(Digits.Validation), model.ValidationScore!.Value, 10);
        double fp32 = ModelTraining.Fit(config with { Precision = ModelPrecision.Fp32 }, Digits, Digits.Train, Digits.Validation, seed: 3).ValidationScore!.Value;
        Assert.True(model.ValidationScore > fp32 - 0.03, $"int8 validation accuracy {model.ValidationScore:P1}, fp32 {fp32:P1}");
        Assert.Equal(model.Quantized!.ParameterBytes, ModelMeasures.Bytes(model));
        Assert.Equal(model.Quantized.ParameterBytes, ModelMeasures.Bytes(model.Network, ModelPrecision.QInt8));

        var half = ModelTraining.Fit(config with { Precision = ModelPrecision.Fp16 }, Digits, Digits.Train, null, seed: 3);
        Assert.Equal(ModelPrecision.Fp16, half.Precision);
        Assert.Equal(2 * half.Network.ParameterCount, ModelMeasures.Bytes(half));
    }

    [Fact]
    public void ThePrecisionIsInTheJsonOnlyWhenItIsNotFp32()
    {
        var fp32 = new ModelConfig { Hidden = [8] };
        Assert.DoesNotContain("precision", fp32.ToJson(), StringComparison.Ordinal);
        var int8 = fp32 with { Precision = ModelPrecision.QInt8 };
        Assert.Contains("\"precision\":\"int8\"", int8.ToJson(), StringComparison.Ordinal);
        Assert.Equal(ModelPrecision.QInt8, ModelConfig.FromJson(int8.ToJson()).Precision);
        Assert.EndsWith(", int8", int8.Describe(), StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => ModelConfig.FromJson(int8.ToJson().Replace("int8", "int4", StringComparison.Ordinal)));
    }

    [Fact]
    public void AStudyOverAccuracyAndBytesDrawsThePrecisionAndMeasuresInt8Bytes()
    {
        var study = Study.Create(new StudyOptions { Directions = [StudyDirection.Maximize, StudyDirection.Minimize], Sampler = new RandomSampler(new RandomSamplerOptions { Seed = 1 }), Pruner = new ParetoPruner() });
        var space = new ModelSpace(new ModelSpaceOptions
        {
            Families = [ModelFamilies.Mlp], MinLayers = 1, MaxLayers = 1, MinUnits = 16, MaxUnits = 32, MinEpochs = 1, MaxEpochs = 1,
            Precisions = [ModelPrecision.Fp32, ModelPrecision.QInt8],
        });
        var objective = new ModelObjective(Digits, space, seed: 2);
        study.Optimize(t => objective.EvaluateMeasures(t, [ModelMeasure.Score, ModelMeasure.Bytes]), nTrials: 8);
        var precisions = study.Trials.Select(t => t.Params["precision"] as string).ToList();
        Assert.Contains("fp32", precisions);
        Assert.Contains("int8", precisions);
        foreach (var t in study.Trials.Where(t => t.State == TrialState.Complete))
        {
            var config = ModelObjective.ConfigOf(t);
            var network = ModelBuilder.Build(config, Digits.InputShape, Digits.Outputs, seed: 0);
            Assert.Equal(ModelMeasures.Bytes(network, config.Precision), t.Values![1]);
            if (config.Precision == ModelPrecision.QInt8)
            {
                Assert.True(t.Values[1] * 3 < 4.0 * network.ParameterCount, $"{t.Values[1]} int8 bytes for {network.ParameterCount} parameters");
            }
        }
    }

    [Fact]
    public void ChosenWeightLayersStayFp32AndTheBytesCountThemAtFourEach()
    {
        var config = new ModelConfig
        {
            Family = ModelFamilies.Get("cnn"), Channels = [6], Hidden = [24], Normalization = NormalizationKind.Batch, Epochs = 2,
            Precision = ModelPrecision.QInt8, FloatLayers = [0, 2],
        };
        var model = ModelTraining.Fit(config, Digits, Digits.Train, Digits.Validation, seed: 4);
        Assert.Equal(1, model.Quantized!.Int8Layers);
        Assert.Equal(model.Quantized.ParameterBytes, ModelMeasures.Bytes(model.Network, ModelPrecision.QInt8, config.FloatLayers));
        Assert.Contains("\"float_layers\":[0,2]", config.ToJson(), StringComparison.Ordinal);
        Assert.Equal([0, 2], ModelConfig.FromJson(config.ToJson()).FloatLayers);
        Assert.Contains("int8 (fp32 layers 0, 2)", config.Describe(), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => (config with { FloatLayers = [3] }).Validate());
        Assert.Throws<ArgumentException>(() => (config with { Precision = ModelPrecision.Fp32 }).Validate());

        var study = Study.Create(new StudyOptions { Direction = StudyDirection.Maximize, Sampler = new RandomSampler(new RandomSamplerOptions { Seed = 3 }) });
        var space = new ModelSpace(new ModelSpaceOptions { Families = [ModelFamilies.Mlp], MinLayers = 2, MaxLayers = 2, Precisions = [ModelPrecision.QInt8], PerLayerPrecision = true });
        var drawn = Enumerable.Range(0, 30).Select(_ => space.Suggest(study.Ask(), Digits)).ToList();
        // Each layer is chosen on its own: the trials keep none, some or all of the three weight layers in fp32.
        Assert.True(drawn.Select(c => c.FloatLayers?.Count ?? 0).Distinct().Count() >= 3);
        Assert.Equal(3, drawn.SelectMany(c => c.FloatLayers ?? []).Distinct().Count());
        Assert.All(drawn, c => c.Validate());
    }

    [Fact]
    public void AnEmptyOrUnknownPrecisionListIsRefused()
    {
        Assert.Throws<ArgumentException>(() => new ModelSpaceOptions { Precisions = [] }.Validate());
        Assert.Throws<ArgumentException>(() => new ModelSpaceOptions { Precisions = [(ModelPrecision)9] }.Validate());
    }
}
