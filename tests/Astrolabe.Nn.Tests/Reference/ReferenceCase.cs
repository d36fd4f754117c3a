using System.Text.Json;

namespace Astrolabe.Nn.Tests.Reference;

/// <summary>One parsed reference file; every key read is checked against the known set.</summary>
internal sealed class ReferenceCase
{
    private static readonly HashSet<string> s_topLevel =
        ["name", "op", "config", "inputs", "params", "int_inputs", "grad_output", "output", "grads", "generator"];

    private ReferenceCase(string path, JsonElement root)
    {
        Path = path;
        foreach (var p in root.EnumerateObject())
        {
            if (!s_topLevel.Contains(p.Name))
            {
                throw new InvalidDataException($"{path}: unknown key '{p.Name}'.");
            }
        }

        Op = root.GetProperty("op").GetString()!;
        Config = root.TryGetProperty("config", out var c) ? c : default;
        Inputs = ReadGroup(root, "inputs");
        Params = ReadGroup(root, "params");
        IntInputs = ReadGroup(root, "int_inputs");
        Grads = ReadGroup(root, "grads");
        Output = ReadTensor(root.GetProperty("output"));
        GradOutput = root.TryGetProperty("grad_output", out var go) ? ReadTensor(go) : null;
    }

    public string Path { get; }

    public string Op { get; }

    public JsonElement Config { get; }

    public Dictionary<string, (int[] Shape, double[] Data)> Inputs { get; }

    public Dictionary<string, (int[] Shape, double[] Data)> Params { get; }

    public Dictionary<string, (int[] Shape, double[] Data)> IntInputs { get; }

    public Dictionary<string, (int[] Shape, double[] Data)> Grads { get; }

    public (int[] Shape, double[] Data) Output { get; }

    public (int[] Shape, double[] Data)? GradOutput { get; }

    public static ReferenceCase Load(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return new ReferenceCase(path, doc.RootElement.Clone());
    }

    /// <summary>Reads a config value, or the default when absent; the allowed keys are checked separately.</summary>
    public double ConfigNumber(string key, double fallback) =>
        Config.ValueKind == JsonValueKind.Object && Config.TryGetProperty(key, out var v) ? v.GetDouble() : fallback;

    public void RequireConfigKeys(params string[] allowed)
    {
        if (Config.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var p in Config.EnumerateObject())
        {
            if (!allowed.Contains(p.Name))
            {
                throw new InvalidDataException($"{Path}: unknown config key '{p.Name}' for op '{Op}'.");
            }
        }
    }

    private static Dictionary<string, (int[], double[])> ReadGroup(JsonElement root, string key)
    {
        var d = new Dictionary<string, (int[], double[])>();
        if (root.TryGetProperty(key, out var g))
        {
            foreach (var p in g.EnumerateObject())
            {
                d[p.Name] = ReadTensor(p.Value);
            }
        }

        return d;
    }

    private static (int[], double[]) ReadTensor(JsonElement e)
    {
        foreach (var p in e.EnumerateObject())
        {
            if (p.Name is not ("shape" or "data"))
            {
                throw new InvalidDataException($"unknown tensor key '{p.Name}'.");
            }
        }

        var shape = e.GetProperty("shape").EnumerateArray().Select(x => x.GetInt32()).ToArray();
        var data = e.GetProperty("data").EnumerateArray().Select(x => x.GetDouble()).ToArray();
        return (shape, data);
    }
}
