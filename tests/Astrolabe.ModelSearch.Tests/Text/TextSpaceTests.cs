namespace Astrolabe.ModelSearch.Tests.Text;

public sealed class TextSpaceTests
{
    [Fact]
    public void EveryDrawIsValidAndUsesOnlyItsFamilysParameters()
    {
        var study = Study.Create(new StudyOptions { Direction = StudyDirection.Maximize, Sampler = new RandomSampler(new RandomSamplerOptions { Seed = 3 }) });
        var space = new TextSpace();
        var seen = new HashSet<TextFamilyKind>();
        study.Optimize(trial =>
        {
            var config = space.Suggest(trial);
            config.Validate();
            seen.Add(config.Family);
            string family = (string)trial.Params["family"]!;
            Assert.Equal(family, System.Text.Json.JsonSerializer.Serialize(config.Family).Trim('"'));
            string[] shared = ["family", "dropout", "optimizer", "lr", "weight_decay", "batch_size", "epochs"];
            Assert.All(trial.Params.Keys.Except(shared), name => Assert.StartsWith(family + "_", name, StringComparison.Ordinal));
            Assert.InRange(config.Epochs, 2, 8);
            return 0;
        }, nTrials: 60);
        Assert.Equal(5, seen.Count);
    }

    [Fact]
    public void OneFamilyIsAConstantNotAParameter()
    {
        var study = Study.Create(new StudyOptions { Direction = StudyDirection.Maximize });
        var space = new TextSpace(new TextSpaceOptions { Families = [TextFamilyKind.Bag], BigramBuckets = [0], BagHidden = [0] });
        study.Optimize(trial =>
        {
            Assert.Equal(TextFamilyKind.Bag, space.Suggest(trial).Family);
            Assert.DoesNotContain("family", trial.Params.Keys);
            Assert.DoesNotContain("bag_bigrams", trial.Params.Keys);
            return 0;
        }, nTrials: 2);
    }

    [Theory]
    [InlineData("families")]
    [InlineData("optimizers")]
    [InlineData("lr")]
    [InlineData("epochs")]
    [InlineData("kernels")]
    [InlineData("dropout")]
    public void BadRangesAreRefused(string what)
    {
        var options = what switch
        {
            "families" => new TextSpaceOptions { Families = [] },
            "optimizers" => new TextSpaceOptions { Optimizers = [OptimizerKind.Sgd] },
            "lr" => new TextSpaceOptions { MinLearningRate = 0.1, MaxLearningRate = 0.01 },
            "epochs" => new TextSpaceOptions { MinEpochs = 5, MaxEpochs = 2 },
            "kernels" => new TextSpaceOptions { KernelSizes = [[]] },
            _ => new TextSpaceOptions { MaxDropout = 1 },
        };
        Assert.Throws<ArgumentException>(() => new TextSpace(options));
    }
}
