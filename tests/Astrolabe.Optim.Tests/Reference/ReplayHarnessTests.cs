namespace Astrolabe.Optim.Tests;

/// <summary>The replay refuses files it does not fully understand, and fails when a trajectory is off.</summary>
public sealed class ReplayHarnessTests
{
    private const string Valid = """
        {"name": "t", "generator": "test", "params": [{"name": "x", "shape": [2], "init": [1.0, 2.0]}],
         "problem": {"kind": "rosenbrock"}, "optimizer": {"type": "sgd", "lr": 0.001}, "clip": null, "schedule": null,
         "steps": 1, "trajectory": [{"loss": 100.0, "lr": 0.001, "params": {"x": [1.4, 1.8]}}]}
        """;

    [Theory]
    [InlineData("\"type\": \"sgd\"", "\"type\": \"adabelief\"", "unknown optimizer type 'adabelief'")]
    [InlineData("\"lr\": 0.001}", "\"lr\": 0.001, \"foo\": 1}", "unknown key 'foo'")]
    [InlineData("\"clip\": null", "\"clip\": {\"type\": \"agc\"}", "unknown clip type 'agc'")]
    [InlineData("\"schedule\": null", "\"schedule\": {\"type\": \"cyclic\"}", "unknown schedule type 'cyclic'")]
    [InlineData("\"steps\": 1,", "\"steps\": 1, \"seed\": 3,", "unknown key 'seed'")]
    [InlineData("\"kind\": \"rosenbrock\"", "\"kind\": \"himmelblau\"", "unknown problem kind 'himmelblau'")]
    public void RejectsUnknownTypesAndKeys(string from, string to, string message)
    {
        string path = Write(Valid.Replace(from, to, StringComparison.Ordinal));
        var e = Assert.Throws<InvalidDataException>(() => new ReferenceReplayTests().Replays(path));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AcceptsAMatchingTrajectoryAndFailsAWrongOne()
    {
        new ReferenceReplayTests().Replays(Write(Valid));
        string wrong = Write(Valid.Replace("1.4, 1.8", "1.4, 1.81", StringComparison.Ordinal));
        var e = Assert.ThrowsAny<Exception>(() => new ReferenceReplayTests().Replays(wrong));
        Assert.Contains("step 0, x[1]", e.Message, StringComparison.Ordinal);
    }

    private static string Write(string json)
    {
        string path = Path.Combine(Path.GetTempPath(), $"astrolabe-optim-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }
}
