using Astrolabe.Nn;
using Astrolabe.Nn.Training;

namespace Astrolabe.ModelSearch.Tests.Text;

public sealed class TextFamiliesTests
{
    private static readonly TextTask Task = SyntheticText.Task();

    public static TheoryData<string> Configs => new()
    {
        """{"family":"bag","embedding_dim":16,"learning_rate":0.05,"epochs":6}""",
        """{"family":"bag","embedding_dim":16,"bigram_buckets":1000,"hidden":16,"dropout":0.1,"learning_rate":0.02,"epochs":6}""",
        """{"family":"textcnn","embedding_dim":16,"channels":16,"kernel_sizes":[2,3],"learning_rate":0.01,"epochs":6}""",
        """{"family":"gru","embedding_dim":16,"hidden":16,"mean_pool":true,"learning_rate":0.01,"epochs":6}""",
        """{"family":"lstm","embedding_dim":16,"hidden":16,"bidirectional":true,"layers":2,"learning_rate":0.01,"epochs":6}""",
        """{"family":"transformer","embedding_dim":16,"heads":2,"hidden":32,"layers":1,"optimizer":"adamw","weight_decay":0.01,"learning_rate":0.005,"epochs":6}""",
    };

    [Theory]
    [MemberData(nameof(Configs))]
    public void EveryFamilyLearnsASeparableTask(string json)
    {
        var config = TextModelConfig.FromJson(json);
        var epochs = new List<(int Epoch, double Accuracy)>();
        var model = TextTraining.Fit(config, Task, Task.Train, Task.Validation, seed: 3, (e, a) => epochs.Add((e, a)));
        Assert.Equal(Enumerable.Range(1, config.Epochs), epochs.Select(e => e.Epoch));
        Assert.Equal(epochs[^1].Accuracy, model.ValidationAccuracy);
        var test = model.Score(Task.Test);
        Assert.True(test.Accuracy >= 0.9, $"{config.Describe()}: test accuracy {test.Accuracy:P1}");
        Assert.InRange(test.MacroF1, 0.85, 1.0);
    }

    [Theory]
    [MemberData(nameof(Configs))]
    public void TheNetworkTakesPaddedIdsAsATensorLikeABatch(string json)
    {
        var model = TextTraining.Fit(TextModelConfig.FromJson(json) with { Epochs = 1 }, Task, Task.Train, null, seed: 1);
        var batch = Task.Test.Batches(8).First();
        using var _ = GradMode.NoGrad();
        var fromBatch = model.Net.Forward(batch).Data;
        var fromTensor = model.Network.Forward(batch.IdsTensor()).Data;
        Assert.Equal(fromBatch.Length, fromTensor.Length);
        for (int i = 0; i < fromBatch.Length; i++)
        {
            Assert.Equal(fromBatch[i], fromTensor[i], 4);
        }

        Assert.Equal(batch.Size * 3, fromBatch.Length);
    }

    [Fact]
    public void BadIdsAreRefusedWithTheReason()
    {
        var model = TextTraining.Fit(new TextModelConfig { EmbeddingDim = 8, Epochs = 1 }, Task, Task.Train, null, seed: 1);
        var e = Assert.Throws<ArgumentException>(() => model.Network.Forward(new Tensor([0f, 2f, 3f, 4f], [2, 2])));
        Assert.Contains("row 0 starts with padding", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => model.Network.Forward(new Tensor([2f, 1e6f], [1, 2])));
        Assert.Contains("not a whole number in [1, ", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => model.Network.Forward(new Tensor([2f, 3f], [2])));
        Assert.Contains("expected token ids [batch, time]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADivergingRunFailsWithANonFiniteLossNamingTheFamily()
    {
        var config = new TextModelConfig { Family = TextFamilyKind.Bag, EmbeddingDim = 8, Hidden = 8, LearningRate = 1e30, Epochs = 3 };
        var e = Assert.Throws<NonFiniteLossException>(() => TextTraining.Fit(config, Task, Task.Train, Task.Validation, seed: 1));
        Assert.Contains("The bag model's training loss became", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSameSeedGivesTheSameModelAndAnotherSeedAnother()
    {
        var config = TextModelConfig.FromJson("""{"family":"gru","embedding_dim":8,"hidden":8,"dropout":0.2,"learning_rate":0.01,"epochs":2}""");
        float[] Weights(long seed) => [.. TextTraining.Fit(config, Task, Task.Train, null, seed).Network.NamedParameters().SelectMany(p => p.Tensor.Data)];
        Assert.Equal(Weights(5), Weights(5));
        Assert.NotEqual(Weights(5), Weights(6));
    }

    [Fact]
    public void BigramsFallIntoTheirBucketsTheSameWayEveryTime()
    {
        Assert.Equal(BagNetwork.Bucket(17, 4, 1000), BagNetwork.Bucket(17, 4, 1000));
        Assert.NotEqual(BagNetwork.Bucket(17, 4, 1 << 20), BagNetwork.Bucket(4, 17, 1 << 20));
        Assert.All(Enumerable.Range(2, 200), a => Assert.InRange(BagNetwork.Bucket(a, a + 1, 97), 0, 96));
    }
}
