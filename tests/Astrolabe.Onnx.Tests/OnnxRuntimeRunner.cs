using Microsoft.ML.OnnxRuntime;

namespace Astrolabe.Onnx.Tests;

/// <summary>Runs an ONNX file with ONNX Runtime on float rows and returns every output by name.</summary>
internal static class OnnxRuntimeRunner
{
    /// <summary>The graph optimisation levels each file is checked under: none, and all the runtime has.</summary>
    public static readonly GraphOptimizationLevel[] Levels = [GraphOptimizationLevel.ORT_DISABLE_ALL, GraphOptimizationLevel.ORT_ENABLE_ALL];

    public static Dictionary<string, float[]> Run(string path, float[] features, int[] sampleShape, GraphOptimizationLevel level)
    {
        using var options = new SessionOptions { GraphOptimizationLevel = level, IntraOpNumThreads = 1 };
        using var session = new InferenceSession(path, options);
        int sampleSize = sampleShape.Aggregate(1, (a, b) => a * b);
        long[] shape = [features.Length / sampleSize, .. sampleShape.Select(d => (long)d)];
        using var input = OrtValue.CreateTensorValueFromMemory(features, shape);
        using var run = new RunOptions();
        var names = session.OutputMetadata.Keys.ToArray();
        using var results = session.Run(run, [session.InputMetadata.Keys.Single()], [input], names);
        return names.Select((name, i) => (name, results[i].GetTensorDataAsSpan<float>().ToArray())).ToDictionary(p => p.name, p => p.Item2);
    }
}
