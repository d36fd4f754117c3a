namespace Astrolabe.ModelSearch.Tests.Space;

public sealed class ModelSpaceTests
{
    private static List<(ModelConfig Config, FrozenTrial Trial)> Draw(ModelSpace space, int[] inputShape, int n, int seed = 1)
    {
        var study = Study.Create(new StudyOptions { Sampler = new RandomSampler(new RandomSamplerOptions { Seed = seed }) });
        var drawn = new List<(ModelConfig, FrozenTrial)>();
        for (int i = 0; i < n; i++)
        {
            var trial = study.Ask();
            var config = space.Suggest(trial, inputShape);
            study.Tell(trial, 0.0);
            drawn.Add((config, study.Trials[^1]));
        }

        return drawn;
    }

    [Fact]
    public void EveryDrawIsAValidBuildableConfigurationWithOnlyItsFamilysParameters()
    {
        var drawn = Draw(new ModelSpace(), [1, 28, 28], 80);
        Assert.Contains(drawn, d => d.Config.Family == ModelFamilies.Cnn);
        Assert.Contains(drawn, d => d.Config.Family == ModelFamilies.Mlp);
        foreach (var (config, trial) in drawn)
        {
            config.Validate();
            var names = trial.Params.Keys.ToList();
            if (config.Family == ModelFamilies.Cnn)
            {
                Assert.DoesNotContain(names, n => n.StartsWith("mlp_", StringComparison.Ordinal));
                Assert.Equal(config.Channels.Count, names.Count(n => n.StartsWith("cnn_channels_l", StringComparison.Ordinal)));
                Assert.InRange(config.Channels.Count, 1, 2);
                Assert.All(config.Channels, c => Assert.InRange(c, 8, 32));
            }
            else
            {
                Assert.DoesNotContain(names, n => n.StartsWith("cnn_", StringComparison.Ordinal));
                Assert.Equal(config.Hidden.Count, names.Count(n => n.StartsWith("mlp_units_l", StringComparison.Ordinal)));
                Assert.Empty(config.Channels);
            }

            Assert.Equal(config.Optimizer == OptimizerKind.Sgd, names.Contains("momentum"));
            Assert.Equal(config.Penalty != PenaltyKind.None, config.Regularization > 0);
            Assert.Equal(config.Penalty == PenaltyKind.None ? 0 : 1, names.Count(n => n is "weight_decay" or "l1" or "l2"));
            Assert.InRange(config.LearningRate, 5e-4, 1e-2);
            Assert.InRange(config.Epochs, 4, 9);
        }
    }

    [Fact]
    public void TabularTasksNeverGetConvolutions()
    {
        var drawn = Draw(new ModelSpace(), [13], 40);
        Assert.All(drawn, d => Assert.Same(ModelFamilies.Mlp, d.Config.Family));
        Assert.All(drawn, d => Assert.DoesNotContain("family", d.Trial.Params.Keys));
        Assert.Throws<ArgumentException>(() => Draw(new ModelSpace(new ModelSpaceOptions { Families = [ModelFamilies.Cnn] }), [13], 1));
    }

    [Fact]
    public void ChoicesWithOneValueAreConstantsNotParameters()
    {
        var space = new ModelSpace(new ModelSpaceOptions
        {
            Families = [ModelFamilies.Mlp], MinLayers = 1, MaxLayers = 1, Activations = [ActivationKind.Relu], MaxDropout = 0, Normalizations = [NormalizationKind.None],
            Optimizers = [OptimizerKind.Adam], Penalties = [PenaltyKind.None], BatchSizes = [64], ClipNorms = [0], Schedules = [ScheduleKind.Constant], MinEpochs = 4, MaxEpochs = 4,
        });
        var (config, trial) = Draw(space, [1, 8, 8], 1)[0];
        Assert.Equal(["lr", "mlp_units_l0"], trial.Params.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(4, config.Epochs);
        Assert.Equal(ActivationKind.Relu, config.Activation);
    }

    [Fact]
    public void SmallImagesCapTheNumberOfPoolingBlocks()
    {
        var space = new ModelSpace(new ModelSpaceOptions { Families = [ModelFamilies.Cnn], MinBlocks = 3, MaxBlocks = 5 });
        Assert.All(Draw(space, [1, 8, 8], 20), d => Assert.Equal(2, d.Config.Channels.Count));
        Assert.All(Draw(space, [1, 28, 28], 20), d => Assert.Equal(3, d.Config.Channels.Count));
    }

    [Theory]
    [InlineData("layers")]
    [InlineData("lr")]
    [InlineData("dropout")]
    [InlineData("activation")]
    [InlineData("batch")]
    public void InvalidOptionsAreRejectedWithTheirName(string broken)
    {
        var o = new ModelSpaceOptions();
        o = broken switch
        {
            "layers" => o with { MinLayers = 3, MaxLayers = 2 },
            "lr" => o with { MinLearningRate = 0 },
            "dropout" => o with { MaxDropout = 1 },
            "activation" => o with { Activations = [ActivationKind.Relu, (ActivationKind)42] },
            _ => o with { BatchSizes = [] },
        };
        var e = Assert.Throws<ArgumentException>(() => new ModelSpace(o));
        Assert.Contains(broken == "activation" ? "activations: unknown 42 (known: relu, leaky_relu, gelu, silu, elu, tanh)" : broken == "batch" ? "BatchSizes" : broken == "lr" ? "learning-rate" : broken == "dropout" ? "MaxDropout" : "layers", e.Message, StringComparison.Ordinal);
    }
}
