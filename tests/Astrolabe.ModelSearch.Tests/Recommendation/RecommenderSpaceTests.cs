namespace Astrolabe.ModelSearch.Tests.Recommendation;

/// <summary>The space draws valid configurations with family-prefixed parameters; configurations validate and round-trip.</summary>
public sealed class RecommenderSpaceTests
{
    [Fact]
    public void EveryDrawnConfigurationIsValidAndAsksOnlyItsFamilysParameters()
    {
        var space = new RecommenderSpace();
        var study = Study.Create(new StudyOptions { Sampler = new RandomSampler(new RandomSamplerOptions { Seed = 1 }) });
        var families = new HashSet<string>();
        for (int n = 0; n < 40; n++)
        {
            var trial = study.Ask();
            var config = space.Suggest(trial);
            config.Validate();
            families.Add(config.Family);
            var own = trial.Params.Keys.Where(k => RecommenderFamilies.All.Any(f => k.StartsWith(f.Name + "_", StringComparison.Ordinal))).ToList();
            Assert.All(own, k => Assert.StartsWith(config.Family + "_", k, StringComparison.Ordinal));
            Assert.Equal(config.Family == "mf", config.Hidden.Count == 0);
            Assert.Equal(config.ToJson(), RecommenderConfig.FromJson(config.ToJson()).ToJson());
            study.Tell(trial, 1.0);
        }

        Assert.Equal(3, families.Count);
    }

    [Theory]
    [InlineData("{\"family\":\"svd\"}", "Unknown recommendation family 'svd'")]
    [InlineData("{\"factors\":0}", "Factors must be ≥ 1")]
    [InlineData("{\"dropout\":1}", "Dropout must be in [0, 1)")]
    [InlineData("{\"learning_rate\":-1}", "LearningRate must be positive")]
    [InlineData("{\"hidden\":[8,0]}", "Hidden widths must be ≥ 1")]
    [InlineData("{\"embedding_l2\":-0.1}", "EmbeddingL2 must be ≥ 0")]
    [InlineData("{\"epochs\":0}", "Epochs must be ≥ 1")]
    [InlineData("{\"colour\":\"red\"}", "colour")]
    public void ABadConfigurationIsRefusedWithTheReason(string json, string expected)
    {
        var e = Assert.Throws<InvalidDataException>(() => RecommenderConfig.FromJson(json));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadRangesAreRefused()
    {
        Assert.Contains("MinEpochs", Assert.Throws<ArgumentException>(() => new RecommenderSpace(new RecommenderSpaceOptions { MinEpochs = 5, MaxEpochs = 2 })).Message, StringComparison.Ordinal);
        Assert.Contains("Factors", Assert.Throws<ArgumentException>(() => new RecommenderSpace(new RecommenderSpaceOptions { Factors = [] })).Message, StringComparison.Ordinal);
        Assert.Contains("MinL2", Assert.Throws<ArgumentException>(() => new RecommenderSpace(new RecommenderSpaceOptions { MinL2 = 0 })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDescriptionNamesTheStructure()
    {
        Assert.StartsWith("neumf 8 factors, MLP 32-16;", new RecommenderConfig { Family = "neumf", Hidden = [32, 16] }.Describe(), StringComparison.Ordinal);
        Assert.StartsWith("mf 8 factors;", new RecommenderConfig().Describe(), StringComparison.Ordinal);
    }
}
