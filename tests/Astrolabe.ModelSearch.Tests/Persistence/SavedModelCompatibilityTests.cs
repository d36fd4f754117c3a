using System.Text.Json;
using Astrolabe.Nn;

namespace Astrolabe.ModelSearch.Tests.Persistence;

/// <summary>
/// Models saved by earlier versions keep loading: Fixtures/*.model were written by the version whose configuration
/// names were plain strings, with Fixtures/saved-models.json recording each one's configuration and its outputs on
/// the first five test samples.
/// </summary>
public sealed class SavedModelCompatibilityTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Persistence", "Fixtures");

    public static TheoryData<string> Files() => ["mlp-iris.model", "cnn-digits.model"];

    [Theory]
    [MemberData(nameof(Files))]
    public void AModelSavedByTheStringConfigurationLoadsWithItsConfigurationAndWeights(string file)
    {
        using var index = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "saved-models.json")));
        var entry = index.RootElement.EnumerateArray().Single(e => e.GetProperty("file").GetString() == file);
        var task = BuiltInTasks.Load(entry.GetProperty("dataset").GetString()!);
        var model = TrainedModel.Load(Path.Combine(Folder, file));
        Assert.Equal(entry.GetProperty("model").GetRawText(), model.Config.ToJson());
        float[] expected = [.. entry.GetProperty("first_five_outputs").EnumerateArray().Select(v => v.GetSingle())];
        var x = task.Test.Features.AsSpan(0, 5 * model.SampleSize).ToArray();
        var y = model.Network.Forward(new Tensor(x, [5, .. task.InputShape])).Data;
        Assert.Equal(expected.Length, y.Length);
        for (int i = 0; i < y.Length; i++)
        {
            Assert.Equal(expected[i], y[i], 1e-4f);
        }
    }

    [Fact]
    public void AModelOfAFamilyThisProgramDoesNotKnowIsRefusedWithThePathTheFamilyAndTheKnownOnes()
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("astrolabe-model-").FullName, "rnn.model");
        try
        {
            // The header holds the configuration as an escaped JSON string; "mlp" and "rnn" have the same length.
            byte[] bytes = File.ReadAllBytes(Path.Combine(Folder, "mlp-iris.model"));
            string text = System.Text.Encoding.Latin1.GetString(bytes);
            Assert.Single(text.Split("family\\u0022:\\u0022mlp")[1..]);
            File.WriteAllBytes(path, System.Text.Encoding.Latin1.GetBytes(text.Replace("family\\u0022:\\u0022mlp", "family\\u0022:\\u0022rnn", StringComparison.Ordinal)));
            var e = Assert.Throws<InvalidDataException>(() => TrainedModel.Load(path));
            Assert.StartsWith($"{path}: Not a model configuration: Unknown family 'rnn'; known: mlp, cnn", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void AFirstFormatModelIsWrittenInTheChecksummedFormatWithTheSameWeightsAndTheSameBytesEachTime(string file)
    {
        string copy = Path.Combine(Directory.CreateTempSubdirectory("astrolabe-model-").FullName, file);
        try
        {
            var original = TrainedModel.Load(Path.Combine(Folder, file));
            original.Save(copy);
            byte[] first = File.ReadAllBytes(copy);
            var back = TrainedModel.Load(copy);
            back.Save(copy);
            Assert.Equal(first, File.ReadAllBytes(copy));
            Assert.StartsWith("ASTROLABE-MODEL-1", System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(Folder, file)), 1, 17), StringComparison.Ordinal);
            Assert.Equal("ASTROLABE-MODEL-2", System.Text.Encoding.UTF8.GetString(first, 1, 17));
            var expected = original.Network.NamedParameters();
            var actual = back.Network.NamedParameters();
            Assert.Equal(expected.Count, actual.Count);
            for (int i = 0; i < expected.Count; i++)
            {
                Assert.Equal(expected[i].Tensor.Data, actual[i].Tensor.Data);
            }
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(copy)!, recursive: true);
        }
    }
}
