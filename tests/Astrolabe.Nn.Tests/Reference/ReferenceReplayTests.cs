namespace Astrolabe.Nn.Tests.Reference;

public class ReferenceReplayTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var f in ReferenceFiles())
        {
            data.Add(f);
        }

        return data;
    }

    [Fact]
    public void At_least_one_reference_file_is_found()
    {
        Assert.NotEmpty(ReferenceFiles());
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Output_and_gradients_match_pytorch(string file)
    {
        var errors = ReferenceReplayer.Replay(ReferenceCase.Load(file));
        Assert.True(errors.Count == 0, $"{Path.GetFileName(file)}:\n" + string.Join("\n", errors.Take(20)));
    }

    [Fact]
    public void Unknown_op_is_rejected()
    {
        string path = Path.Combine(Path.GetTempPath(), $"astrolabe-nn-unknown-{Environment.ProcessId}.json");
        File.WriteAllText(path, """{"name":"x","op":"frobnicate","config":{},"inputs":{"x":{"shape":[1],"data":[1.0]}},"params":{},"output":{"shape":[1],"data":[1.0]},"grads":{}}""");
        try
        {
            Assert.Throws<InvalidDataException>(() => ReferenceReplayer.Replay(ReferenceCase.Load(path)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Unknown_key_is_rejected()
    {
        string path = Path.Combine(Path.GetTempPath(), $"astrolabe-nn-key-{Environment.ProcessId}.json");
        File.WriteAllText(path, """{"name":"x","op":"relu","config":{},"extra":1,"inputs":{"x":{"shape":[1],"data":[1.0]}},"params":{},"output":{"shape":[1],"data":[1.0]},"grads":{}}""");
        try
        {
            Assert.Throws<InvalidDataException>(() => ReferenceCase.Load(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static List<string> ReferenceFiles()
    {
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Reference"), "*.json").ToList();
        string? extra = Environment.GetEnvironmentVariable("NN_REFERENCE_DIR");
        if (!string.IsNullOrEmpty(extra))
        {
            var more = Directory.GetFiles(extra, "*.json");
            if (more.Length == 0)
            {
                throw new InvalidOperationException($"NN_REFERENCE_DIR={extra} holds no *.json file.");
            }

            files.AddRange(more);
        }

        files.Sort(StringComparer.Ordinal);
        return files;
    }
}
