using Astrolabe.ModelSearch;
using Astrolabe.Nn;
using Google.Protobuf;

namespace Astrolabe.Onnx.Tests;

/// <summary>The layers no model family builds yet (sigmoid, softplus, average pooling, strided and bias-free layers) run in ONNX Runtime as in Astrolabe.</summary>
public sealed class LayerExportersTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("astrolabe-onnx-layers-").FullName;

    [Fact]
    public void EveryOtherLayerComputesAsItsAstrolabeLayer()
    {
        var rng = new Rng(7);
        var network = new Sequential(
            new Conv2d(2, 3, 3, stride: 2, padding: 1, rng: rng),
            new Sigmoid(),
            new AvgPool2d(2),
            new Conv2d(3, 4, 2, bias: false, rng: rng),
            new LeakyReLU(0.2f),
            new Flatten(),
            new Linear(4, 6, bias: false, rng: rng),
            new Softplus(),
            new ELU(0.5f),
            new Linear(6, 3, rng: rng),
            new Dropout(0.5f, rng));
        network.Eval();
        int[] shape = [2, 7, 7];
        var raw = Enumerable.Range(0, 5 * 98).Select(_ => (float)((rng.NextDouble() * 12) - 5)).ToArray();
        var preprocessing = new Preprocessing([0.5f], [2f]);
        var scaled = new float[raw.Length];
        preprocessing.ApplyFeatures(raw, scaled, 98);
        float[] expected;
        using (GradMode.NoGrad())
        {
            expected = network.Forward(new Tensor(scaled, [5, .. shape])).Data.ToArray();
        }

        var proto = ModelGraph.Build(network, shape, 3, isClassification: true, preprocessing, 17, "layers");
        string path = Path.Combine(_folder, "layers.onnx");
        File.WriteAllBytes(path, proto.ToByteArray());

        foreach (var level in OnnxRuntimeRunner.Levels)
        {
            var logits = OnnxRuntimeRunner.Run(path, raw, shape, level)["logits"];
            Assert.Equal(expected.Length, logits.Length);
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.True(Math.Abs(logits[i] - expected[i]) <= 1e-5 * Math.Max(1, Math.Abs(expected[i])), $"{level}: logit {i} is {logits[i]}, Astrolabe gives {expected[i]}");
            }
        }
    }

    [Fact]
    public void ALayerWithNoOnnxFormIsNamedInTheError()
    {
        var network = new Sequential(new Linear(4, 4, rng: new Rng(1)), new Embedding(4, 2));

        var e = Assert.Throws<NotSupportedException>(() => ModelGraph.Build(network, [4], 2, true, new Preprocessing([0f], [1f]), 17, "x"));

        Assert.Contains("layer 1 (Embedding)", e.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
