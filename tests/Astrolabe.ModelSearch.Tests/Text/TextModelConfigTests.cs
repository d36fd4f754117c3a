namespace Astrolabe.ModelSearch.Tests.Text;

public sealed class TextModelConfigTests
{
    [Theory]
    [InlineData("""{"family":"bag","dropout":1}""", "dropout 1 is out of range; allowed: [0, 1)")]
    [InlineData("""{"family":"bag","learning_rate":0}""", "learning_rate 0 is out of range")]
    [InlineData("""{"family":"bag","bigram_buckets":-1}""", "bigram_buckets -1 is out of range")]
    [InlineData("""{"family":"textcnn","channels":8}""", "A textcnn needs at least one kernel width")]
    [InlineData("""{"family":"textcnn","kernel_sizes":[3]}""", "channels 0 is out of range; allowed: >= 1 for textcnn")]
    [InlineData("""{"family":"gru","hidden":0}""", "hidden 0 is out of range; allowed: >= 1 for gru")]
    [InlineData("""{"family":"lstm","hidden":8,"layers":0}""", "layers 0 is out of range; allowed: >= 1 for lstm")]
    [InlineData("""{"family":"transformer","hidden":8,"embedding_dim":10,"heads":4}""", "heads (4) must be >= 1 and divide its embedding_dim (10)")]
    [InlineData("""{"family":"bag","optimizer":"sgd"}""", "A text model trains with adam or adamw; got sgd.")]
    [InlineData("""{"family":"rnn"}""", "Unknown textfamily 'rnn'; known: bag, textcnn, gru, lstm, transformer.")]
    [InlineData("""{"family":"bag","batch_size":0}""", "batch_size 0 is out of range")]
    public void ABadConfigurationIsRefusedWithTheReason(string json, string reason)
    {
        var e = Assert.Throws<InvalidDataException>(() => TextModelConfig.FromJson(json));
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TrainingChecksTheConfigurationFirst()
    {
        var task = SyntheticText.Task(30);
        var e = Assert.Throws<ArgumentException>(() => TextTraining.Fit(new TextModelConfig { Family = TextFamilyKind.TextCnn }, task, task.Train, null, 1));
        Assert.Contains("textcnn", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonKeepsEveryValue()
    {
        var config = new TextModelConfig
        {
            Family = TextFamilyKind.TextCnn, EmbeddingDim = 24, Channels = 12, KernelSizes = [2, 5], Dropout = 0.25, Optimizer = OptimizerKind.AdamW,
            LearningRate = 0.003, WeightDecay = 1e-4, BatchSize = 16, Epochs = 7,
        };
        var back = TextModelConfig.FromJson(config.ToJson());
        Assert.Equal(config.ToJson(), back.ToJson());
        Assert.Equal([2, 5], back.KernelSizes);
        Assert.Contains("\"family\":\"textcnn\"", config.ToJson(), StringComparison.Ordinal);
        Assert.Equal("textcnn 24, 12×[2, 5]; dropout 0.25; adamw lr 0.003, wd 0.0001, batch 16, 7 epochs", config.Describe());
    }

    [Fact]
    public void TheStructureReadsAsAShortPhrase()
    {
        Assert.Equal("bag 32 + bigrams 1000 → [16]", new TextModelConfig { EmbeddingDim = 32, BigramBuckets = 1000, Hidden = 16 }.DescribeStructure());
        Assert.Equal("bi-lstm 16→8×2, mean", new TextModelConfig { Family = TextFamilyKind.Lstm, EmbeddingDim = 16, Hidden = 8, Layers = 2, Bidirectional = true, MeanPool = true }.DescribeStructure());
        Assert.Equal("transformer 32×1, 4 heads, ff 64", new TextModelConfig { Family = TextFamilyKind.Transformer, EmbeddingDim = 32, Heads = 4, Hidden = 64 }.DescribeStructure());
    }
}
