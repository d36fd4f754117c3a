using Astrolabe.Nn;

namespace Astrolabe.ModelSearch.Tests.Persistence;

/// <summary>Int8, bfloat16 and float16 models: accuracy kept, smaller files, exact round trips, damaged files refused.</summary>
public sealed class PrecisionTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("astrolabe-precision-").FullName;

    private static (TrainedModel Model, SearchTask Task) Digits(string family, NormalizationKind norm = NormalizationKind.Batch)
    {
        var task = BuiltInTasks.Load("digits");
        var config = new ModelConfig { Family = ModelFamilies.Get(family), Channels = family == "cnn" ? [8] : [], Hidden = [48], Normalization = norm, Epochs = 4 };
        return (ModelTraining.Fit(config, task, task.Train, null, 1), task);
    }

    [Theory]
    [InlineData("cnn")]
    [InlineData("mlp")]
    public void AnInt8ModelKeepsItsAccuracyInAQuarterOfTheBytesAndPredictsTheSameAfterLoading(string family)
    {
        var (model, task) = Digits(family);
        var q = model.Quantize(task.Raw.Train.Features.AsSpan(0, 256 * model.SampleSize));
        Assert.Equal(ModelPrecision.QInt8, q.Precision);
        double fp32 = model.Score(task.Test), int8 = q.Score(task.Test);
        Assert.True(int8 > fp32 - 0.02, $"int8 accuracy {int8} vs fp32 {fp32}");
        var pf = model.Predict(task.Raw.Test.Features);
        var pq = q.Predict(task.Raw.Test.Features);
        double agreement = pf.Zip(pq).Count(t => t.First == t.Second) / (double)pf.Length;
        Assert.True(agreement >= 0.97, $"top-1 agreement {agreement}");
        Assert.True(ModelMeasures.Bytes(q) * 3.5 < ModelMeasures.Bytes(model), $"{ModelMeasures.Bytes(q)} vs {ModelMeasures.Bytes(model)} bytes");

        string f32 = Path.Combine(_folder, "f.model"), i8 = Path.Combine(_folder, "q.model");
        model.Save(f32);
        q.Save(i8);
        var back = TrainedModel.Load(i8);
        Assert.Equal(ModelPrecision.QInt8, back.Precision);
        Assert.Equal(pq, back.Predict(task.Raw.Test.Features));
        Assert.Equal(q.PredictProbabilities(task.Raw.Test.Features), back.PredictProbabilities(task.Raw.Test.Features));
        Assert.True(new FileInfo(i8).Length * 3 < new FileInfo(f32).Length, $"{new FileInfo(i8).Length} vs {new FileInfo(f32).Length} bytes on disk");
    }

    [Fact]
    public void AnInt8ModelWithAnFp32LayerKeepsThatLayersWeightsInTheFile()
    {
        var (model, task) = Digits("mlp", NormalizationKind.Layer);
        var q = model.Quantize(task.Raw.Train.Features.AsSpan(0, 128 * model.SampleSize));
        Assert.True(q.Quantized!.FloatLayers > 0);
        string path = Path.Combine(_folder, "ln.model");
        q.Save(path);
        Assert.Equal(q.Predict(task.Raw.Test.Features), TrainedModel.Load(path).Predict(task.Raw.Test.Features));
        Assert.Throws<ArgumentException>(() => new IntegratedGradients().Explain(q, task.Raw.Test.Features.AsSpan(0, model.SampleSize), AttributionTarget.Predicted));
    }

    [Theory]
    [InlineData(ModelPrecision.Bf16)]
    [InlineData(ModelPrecision.Fp16)]
    public void SixteenBitStorageHalvesTheFileAndPredictsAfterLoadingAsBeforeSaving(ModelPrecision precision)
    {
        var (model, task) = Digits("mlp");
        var half = model.WithPrecision(precision);
        Assert.True(half.Score(task.Test) > model.Score(task.Test) - 0.01);
        string f32 = Path.Combine(_folder, "f.model"), f16 = Path.Combine(_folder, "h.model");
        model.Save(f32);
        half.Save(f16);
        var back = TrainedModel.Load(f16);
        Assert.Equal(precision, back.Precision);
        Assert.Equal(half.PredictProbabilities(task.Raw.Test.Features), back.PredictProbabilities(task.Raw.Test.Features));
        Assert.True(new FileInfo(f16).Length * 1.8 < new FileInfo(f32).Length);
        Assert.Equal(2 * ModelMeasures.Bytes(half), ModelMeasures.Bytes(model));
    }

    [Fact]
    public void HalfPrecisionRoundsToNearestEvenAndRefusesWhatItCannotHold()
    {
        Assert.Equal(1f, HalfPrecision.Round(1f + (1f / 512), ModelPrecision.Bf16, "w")); // a tie: 1 + 2^-9 is halfway to 1 + 2^-8, rounds to even 1
        Assert.Equal(1f + (1f / 64), HalfPrecision.Round(1f + (1f / 128) + (1f / 256), ModelPrecision.Bf16, "w"));
        Assert.Equal(1f, HalfPrecision.Round(1f + (1f / 2048), ModelPrecision.Fp16, "w"));
        Assert.True(float.IsNaN(HalfPrecision.Round(float.NaN, ModelPrecision.Bf16, "w")));
        Assert.Equal(65504f, HalfPrecision.Round(65504f, ModelPrecision.Fp16, "w"));
        Assert.Contains("65,504", Assert.Throws<ArgumentException>(() => HalfPrecision.Round(1e6f, ModelPrecision.Fp16, "0.weight")).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => HalfPrecision.Round(float.MaxValue, ModelPrecision.Bf16, "0.weight"));
    }

    [Fact]
    public void ADamagedOrTruncatedFileIsRefusedAndSavingNeverLeavesAHalfWrittenFile()
    {
        var (model, task) = Digits("mlp");
        var q = model.Quantize(task.Raw.Train.Features.AsSpan(0, 64 * model.SampleSize));
        string path = Path.Combine(_folder, "q.model");
        q.Save(path);
        byte[] bytes = File.ReadAllBytes(path);

        var flipped = (byte[])bytes.Clone();
        flipped[bytes.Length - 100] ^= 0x10;
        File.WriteAllBytes(path, flipped);
        Assert.Contains("checksum", Assert.Throws<InvalidDataException>(() => TrainedModel.Load(path)).Message, StringComparison.Ordinal);

        File.WriteAllBytes(path, bytes.AsSpan(0, bytes.Length - 50).ToArray());
        Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => TrainedModel.Load(path)).Message, StringComparison.Ordinal);

        File.WriteAllBytes(path, bytes.AsSpan(0, 10).ToArray());
        Assert.Throws<InvalidDataException>(() => TrainedModel.Load(path));

        File.WriteAllBytes(path, [1, 2, 3]);
        Assert.Throws<InvalidDataException>(() => TrainedModel.Load(path));

        // fp16 cannot hold a weight of 1e6: nothing is written, the old file stays.
        File.WriteAllBytes(path, bytes);
        ((Sequential)model.Network).Layers.OfType<Linear>().First().Weight.Data[0] = 1e6f;
        Assert.Throws<ArgumentException>(() => model.WithPrecision(ModelPrecision.Fp16));
        Assert.Equal(bytes, File.ReadAllBytes(path));
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
    }

    [Fact]
    public void QuantizingNeedsFiniteRowsOfTheRightSize()
    {
        var (model, task) = Digits("mlp");
        Assert.Throws<ArgumentException>(() => model.Quantize([]));
        Assert.Throws<ArgumentException>(() => model.Quantize(new float[model.SampleSize + 1]));
        var nan = task.Raw.Train.Features.AsSpan(0, 4 * model.SampleSize).ToArray();
        nan[3] = float.NaN;
        Assert.Contains("non-finite", Assert.Throws<ArgumentException>(() => model.Quantize(nan)).Message, StringComparison.Ordinal);
        var q = model.Quantize(task.Raw.Train.Features.AsSpan(0, 4 * model.SampleSize));
        Assert.Throws<InvalidOperationException>(() => q.Quantize(task.Raw.Train.Features.AsSpan(0, 4 * model.SampleSize)));
        Assert.Throws<ArgumentException>(() => model.WithPrecision(ModelPrecision.QInt8));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
