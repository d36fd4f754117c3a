using Astrolabe.Nn;

namespace Astrolabe.ModelSearch.Tests.Families;

public sealed class ModelFamiliesTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("astrolabe-family-").FullName;

    /// <summary>A family defined outside the library: one dense "projection" of a drawn width in front of the common dense head.</summary>
    private sealed class ProjectionFamily : IModelFamily
    {
        public static readonly ProjectionFamily Instance = new();

        public string Name => "test_projection";

        public bool Supports(IReadOnlyList<int> inputShape) => inputShape.Count == 1;

        public ModelConfig SuggestStructure(Trial trial, IReadOnlyList<int> inputShape, ModelSpaceOptions options) =>
            new() { Family = this, Channels = [trial.SuggestInt("test_projection_width", 2, 6)], Hidden = [] };

        public void ValidateStructure(ModelConfig config)
        {
            if (config.Channels.Count != 1)
            {
                throw new ArgumentException("A projection has exactly one width.");
            }
        }

        public int AddTrunk(ModelConfig config, IReadOnlyList<int> inputShape, LayerStack layers)
        {
            layers.Add(new Linear(inputShape[0], config.Channels[0], rng: layers.NextRng()));
            layers.AddNormalizationAndActivation(config.Channels[0]);
            return config.Channels[0];
        }

        public string DescribeStructure(ModelConfig config) => $"projection {config.Channels[0]}";
    }

    public ModelFamiliesTests() => ModelFamilies.Register(ProjectionFamily.Instance);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void ARegisteredFamilyIsDrawnBuiltTrainedSavedAndLoadedWithoutChangingTheLibrary()
    {
        var task = BuiltInTasks.Load("iris");
        var space = new ModelSpace(new ModelSpaceOptions { Families = [ModelFamilies.Mlp, ProjectionFamily.Instance], MinEpochs = 1, MaxEpochs = 1 });
        var study = Study.Create(new StudyOptions { Sampler = new RandomSampler(new RandomSamplerOptions { Seed = 2 }) });
        var drawn = new List<ModelConfig>();
        study.Optimize(t => { drawn.Add(space.Suggest(t, task)); return 0; }, nTrials: 20);
        var config = drawn.First(c => c.Family == ProjectionFamily.Instance);
        var trial = study.Trials[drawn.IndexOf(config)];
        Assert.Equal("test_projection", trial.Params["family"]);
        Assert.Contains("test_projection_width", trial.Params.Keys);
        Assert.DoesNotContain(trial.Params.Keys, k => k.StartsWith("mlp_", StringComparison.Ordinal));
        Assert.StartsWith("{\"family\":\"test_projection\",", config.ToJson(), StringComparison.Ordinal);
        Assert.StartsWith("projection ", config.Describe(), StringComparison.Ordinal);

        var model = ModelTraining.Fit(config, task, task.Train, null, seed: 1);
        Assert.IsType<Linear>(model.Network.Children().First().Module);
        string path = Path.Combine(folder, "projection.model");
        model.Save(path);
        var back = TrainedModel.Load(path);
        Assert.Same(ProjectionFamily.Instance, back.Config.Family);
        Assert.Equal(model.Predict(task.Raw.Test.Features), back.Predict(task.Raw.Test.Features));
    }

    [Fact]
    public void TheBuiltInFamiliesAreRegisteredFirstAndFoundByName()
    {
        Assert.Equal(["mlp", "cnn", "resnet"], ModelFamilies.All.Take(3).Select(f => f.Name));
        Assert.Same(ModelFamilies.Cnn, ModelFamilies.Get("cnn"));
        Assert.Same(ModelFamilies.ResNet, ModelFamilies.Get("resnet"));
        Assert.Same(ProjectionFamily.Instance, ModelFamilies.Get("test_projection"));
        var e = Assert.Throws<ArgumentException>(() => ModelFamilies.Get("capsnet"));
        Assert.StartsWith("Unknown family 'capsnet'; known: mlp, cnn, resnet", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RegisteringIsIdempotentAndANameBelongsToOneFamily()
    {
        ModelFamilies.Register(ProjectionFamily.Instance);
        Assert.Single(ModelFamilies.All, f => f.Name == "test_projection");
        var e = Assert.Throws<ArgumentException>(() => ModelFamilies.Register(new ProjectionFamily()));
        Assert.StartsWith("A model family named 'test_projection' is already registered", e.Message, StringComparison.Ordinal);
        var mlp = Assert.Throws<ArgumentException>(() => ModelFamilies.Register(new Renamed("mlp")));
        Assert.StartsWith("A model family named 'mlp' is already registered", mlp.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ModelFamilies.Register(new Renamed("Res Net")));
    }

    [Fact]
    public void ASpaceRefusesAFamilyThatWasNotRegistered()
    {
        var e = Assert.Throws<ArgumentException>(() => new ModelSpace(new ModelSpaceOptions { Families = [new Renamed("unregistered")] }));
        Assert.StartsWith("families: unregistered not registered (known: mlp, cnn", e.Message, StringComparison.Ordinal);
    }

    private sealed class Renamed(string name) : IModelFamily
    {
        public string Name => name;

        public bool Supports(IReadOnlyList<int> inputShape) => ModelFamilies.Mlp.Supports(inputShape);

        public ModelConfig SuggestStructure(Trial trial, IReadOnlyList<int> inputShape, ModelSpaceOptions options) => ModelFamilies.Mlp.SuggestStructure(trial, inputShape, options);

        public void ValidateStructure(ModelConfig config) => ModelFamilies.Mlp.ValidateStructure(config);

        public int AddTrunk(ModelConfig config, IReadOnlyList<int> inputShape, LayerStack layers) => ModelFamilies.Mlp.AddTrunk(config, inputShape, layers);

        public string DescribeStructure(ModelConfig config) => ModelFamilies.Mlp.DescribeStructure(config);
    }
}
