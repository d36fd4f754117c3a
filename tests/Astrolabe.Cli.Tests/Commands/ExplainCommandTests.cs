using Astrolabe.ModelSearch;

namespace Astrolabe.Cli.Tests.Commands;

/// <summary><c>astrolabe explain</c>: permutation importance, integrated gradients and saliency on saved models, and bad input.</summary>
public sealed class ExplainCommandTests : IDisposable
{
    private readonly CliRunner cli = new();

    [Fact]
    public async Task PermutationPrintsTheTopFeaturesAndWritesEveryFeaturesDrops()
    {
        string model = cli.TrainAndSave("wine", new ModelConfig { Hidden = [16], Epochs = 20, LearningRate = 3e-3 });
        string csv = cli.File("wine.csv");
        var (code, output, error) = await cli.Run("explain", "--model", model, "--dataset", "wine", "--repeats", "3", "--seed", "2", "--top", "3", "--out", csv);
        Assert.True(code == 0, error + output);
        Assert.Matches(@"Permutation importance on wine \(test part, 36 rows\): accuracy \d+\.\d\d %; 3 repeats, seed 2\.", output);
        Assert.Contains("Top 3 of 13 features by mean accuracy drop:", output, StringComparison.Ordinal);
        Assert.Matches(@"\n   1  feature \d+ +-?\d\.\d{4} +\d\.\d{4}", output);
        Assert.DoesNotMatch(@"\n   4  ", output);
        var lines = await File.ReadAllLinesAsync(csv);
        Assert.Equal("feature,mean,std,drop_0,drop_1,drop_2", lines[0]);
        Assert.Equal(14, lines.Length);

        // The same seed gives the same table; the dataset defaults to the model's.
        var (_, again, _) = await cli.Run("explain", "--model", model, "--repeats", "3", "--seed", "2", "--top", "3");
        Assert.Equal(output.Split("Every")[0], again);
    }

    [Fact]
    public async Task IntegratedGradientsOnImagesReportCompletenessAndWriteHeatMaps()
    {
        string model = cli.TrainAndSave("digits", new ModelConfig { Family = ModelFamilies.Get("cnn"), Channels = [4], Hidden = [8], Activation = ActivationKind.Tanh, Epochs = 2 });
        string prefix = cli.File("digit");
        var (code, output, error) = await cli.Run("explain", "--model", model, "--dataset", "digits", "--method", "integrated-gradients", "--rows", "2", "--steps", "100", "--out", prefix);
        Assert.True(code == 0, error + output);
        Assert.Contains("Integrated gradients (100 steps, adaptive rule, baseline all zeros) of the predicted class's logit on digits test rows 0–1:", output, StringComparison.Ordinal);
        Assert.Matches(@"row 1: label \d, predicted \d; class \d: f\(x\) = \S+, f\(baseline\) = \S+, sum of attributions = \S+ vs f\(x\) − f\(baseline\) = \S+ \(completeness error \d+\.\d\d %\)", output);
        Assert.Matches(@"Completeness error over 2 rows: median \d+\.\d\d %, largest \d+\.\d\d %\.", output);
        foreach (string file in new[] { "-row0.png", "-row0.svg", "-row1.png", "-row1.svg" })
        {
            Assert.True(File.Exists(prefix + file), prefix + file);
        }

        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], (await File.ReadAllBytesAsync(prefix + "-row0.png"))[..4]);
    }

    [Fact]
    public async Task TheMeanBaselineIsTheInputTheModelSeesAsZeros()
    {
        string model = cli.TrainAndSave("wine", new ModelConfig { Hidden = [16], Activation = ActivationKind.Tanh, Epochs = 10, LearningRate = 3e-3 });
        var (code, output, error) = await cli.Run("explain", "--model", model, "--method", "integrated-gradients", "--baseline", "mean", "--rows", "4");
        Assert.True(code == 0, error + output);
        Assert.Contains("Integrated gradients (50 steps, adaptive rule, baseline the training mean) of the predicted class's logit on wine test rows 0–3:", output, StringComparison.Ordinal);
        var errors = System.Text.RegularExpressions.Regex.Matches(output, @"completeness error (\d+\.\d\d) %").Select(m => double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(4, errors.Count());
        Assert.All(errors, e => Assert.InRange(e, 0, 1));
    }

    [Fact]
    public async Task SaliencyOfAChosenClassOnTabularRows()
    {
        string model = cli.TrainAndSave("iris", new ModelConfig { Hidden = [8], Epochs = 5 });
        var (code, output, error) = await cli.Run("explain", "--model", model, "--method", "saliency", "--class", "2", "--probability", "--rows", "1");
        Assert.True(code == 0, error + output);
        Assert.Contains("Gradient saliency of class 2's probability on iris test row 0:", output, StringComparison.Ordinal);
        Assert.Matches(@"row 0: label \d, predicted \d; class 2: f\(x\) = \S+\n  top: feature \d [+-]", output);
        Assert.DoesNotContain("completeness", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--method", "shap", "Unknown method 'shap'; choose one of: permutation, integrated-gradients, saliency.")]
    [InlineData("--rows", "0", "--rows must be at least 1.")]
    [InlineData("--rows", "-4", "--rows must be at least 1.")]
    [InlineData("--steps", "0", "--steps must be at least 1.")]
    [InlineData("--baseline", "blur", "Unknown baseline 'blur'; choose one of: zeros, mean.")]
    [InlineData("--repeats", "x", "--repeats expects a whole number, got 'x'.")]
    [InlineData("--class", "1", "--class and --probability apply to integrated-gradients and saliency, not to permutation.")]
    [InlineData("--dataset", "cifar", "Unknown dataset 'cifar'; choose one of:")]
    public async Task WrongArgumentsExitWithTwoAndAMessage(string option, string value, string message)
    {
        string model = cli.TrainAndSave("iris", new ModelConfig { Hidden = [8], Epochs = 1 });
        var (code, output, error) = await cli.Run("explain", "--model", model, option, value);
        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Empty(output);
    }

    [Fact]
    public async Task AClassOutOfRangeAMismatchedDatasetAndAMissingModelAreReported()
    {
        string iris = cli.TrainAndSave("iris", new ModelConfig { Hidden = [8], Epochs = 1 });
        var (code, _, error) = await cli.Run("explain", "--model", iris, "--method", "integrated-gradients", "--class", "3");
        Assert.Equal(2, code);
        Assert.Contains("--class 3 is out of range: the model has 3 classes (0–2).", error, StringComparison.Ordinal);

        (code, _, error) = await cli.Run("explain", "--model", iris, "--dataset", "wine");
        Assert.Equal(2, code);
        Assert.Contains("The model was trained on 'iris' (4 inputs, classification); 'wine' has 13 (classification).", error, StringComparison.Ordinal);

        (code, _, error) = await cli.Run("explain", "--model", iris, "--dataset", "diabetes");
        Assert.Equal(2, code);
        Assert.Contains("'diabetes' has 10 (regression)", error, StringComparison.Ordinal);

        (code, _, error) = await cli.Run("explain", "--model", cli.File("none.model"));
        Assert.Equal(2, code);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);

        await File.WriteAllTextAsync(cli.File("junk.model"), "not a model");
        (code, _, error) = await cli.Run("explain", "--model", cli.File("junk.model"));
        Assert.Equal(2, code);
        Assert.Contains("not an Astrolabe model file", error, StringComparison.Ordinal);

        string diabetes = cli.TrainAndSave("diabetes", new ModelConfig { Hidden = [8], Epochs = 1 });
        (code, _, error) = await cli.Run("explain", "--model", diabetes, "--method", "saliency", "--class", "0");
        Assert.Equal(2, code);
        Assert.Contains("--class applies to classifiers; 'diabetes' is regression.", error, StringComparison.Ordinal);
    }


    public void Dispose() => cli.Dispose();
}
