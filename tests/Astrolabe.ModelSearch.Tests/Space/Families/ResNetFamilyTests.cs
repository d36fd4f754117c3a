using Astrolabe.Nn;

namespace Astrolabe.ModelSearch.Tests.Families;

public sealed class ResNetFamilyTests : IDisposable
{
    private static readonly ModelConfig ResNet = new() { Family = ModelFamilies.ResNet, Channels = [6, 10], Hidden = [16], Normalization = NormalizationKind.Batch };

    private readonly string folder = Directory.CreateTempSubdirectory("astrolabe-resnet-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void TheNetworkIsAStemThenStridedResidualBlocksThenGlobalPoolingAndTheDenseHead()
    {
        var net = ModelBuilder.Build(ResNet, [1, 28, 28], 10, seed: 1);
        var modules = net.Children().Select(c => c.Module).ToList();
        Assert.IsType<Conv2d>(modules[0]);
        Assert.Equal(2, modules.OfType<ResidualBlock>().Count());
        Assert.IsType<AdaptiveAvgPool2d>(modules[modules.FindIndex(m => m is ResidualBlock) + 2]);
        var y = net.Forward(Tensor.Zeros(3, 1, 28, 28));
        Assert.Equal([3, 10], y.Shape);
        Assert.Equal("resnet [6, 10] → [16]", ResNet.Describe()[..ResNet.Family.DescribeStructure(ResNet).Length]);
    }

    [Fact]
    public void ItIsOnlyForImagesItCanHalveAndNamesTheProblemOtherwise()
    {
        Assert.False(ModelFamilies.ResNet.Supports([64]));
        Assert.False(ModelFamilies.ResNet.Supports([1, 1, 9]));
        Assert.True(ModelFamilies.ResNet.Supports([1, 8, 8]));
        Assert.Contains("image inputs", Assert.Throws<ArgumentException>(() => ModelBuilder.Build(ResNet, [13], 3, 1)).Message, StringComparison.Ordinal);
        Assert.Contains("shrink", Assert.Throws<ArgumentException>(() => ModelBuilder.Build(ResNet with { Channels = [2, 2, 2, 2] }, [1, 8, 8], 3, 1)).Message, StringComparison.Ordinal);
        Assert.Contains("at least one residual block", Assert.Throws<ArgumentException>(() => (ResNet with { Channels = [] }).Validate()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ASpaceNamingItDrawsTrainsSavesAndLoadsIt()
    {
        var task = BuiltInTasks.Load("digits");
        var space = new ModelSpace(new ModelSpaceOptions { Families = [ModelFamilies.ResNet], MinEpochs = 1, MaxEpochs = 1, MaxBlocks = 2 });
        var study = Study.Create(new StudyOptions { Sampler = new RandomSampler(new RandomSamplerOptions { Seed = 3 }) });
        ModelConfig? config = null;
        study.Optimize(t => { config = space.Suggest(t, task); return 0; }, nTrials: 1);
        Assert.Same(ModelFamilies.ResNet, config!.Family);
        Assert.Contains("resnet_blocks", study.Trials[0].Params.Keys);
        Assert.Contains("resnet_channels_l0", study.Trials[0].Params.Keys);

        var model = ModelTraining.Fit(config with { Epochs = 3 }, task, task.Train, null, seed: 1);
        var predicted = model.Predict(task.Raw.Test.Features);
        double accuracy = predicted.Zip(task.Test.Labels!).Count(p => (int)p.First == p.Second) / (double)predicted.Length;
        Assert.True(accuracy > 0.5, $"test accuracy {accuracy} after 3 epochs on digits");
        string path = Path.Combine(folder, "resnet.model");
        model.Save(path);
        var back = TrainedModel.Load(path);
        Assert.Same(ModelFamilies.ResNet, back.Config.Family);
        Assert.Equal(predicted, back.Predict(task.Raw.Test.Features));
    }
}
