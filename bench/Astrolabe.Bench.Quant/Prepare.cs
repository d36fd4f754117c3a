using System.Text.Json;
using Astrolabe.ModelSearch;
using Astrolabe.Nn;
using Astrolabe.Nn.Data;

namespace Astrolabe.Bench.Quant;

/// <summary>Trains the models and writes what both sides need (see Program.cs).</summary>
internal static class Prepare
{
    public static void Run(string dir)
    {
        Directory.CreateDirectory(dir);
        var task = BuiltInTasks.Load("mnist10k");
        var calibration = task.Raw.Train.Features.AsSpan(0, Models.CalibrationRows * task.Raw.Train.SampleSize).ToArray();
        foreach (var (name, config) in Models.All)
        {
            var model = ModelTraining.Fit(config, task, Dataset.Concat(task.Train, task.Validation), null, seed: 0);
            model.Save(Path.Combine(dir, name + ".model"));
            model.Quantize(calibration).Save(Path.Combine(dir, name + ".int8.model"));
            var scaled = new float[calibration.Length];
            model.Preprocessing.ApplyFeatures(calibration, scaled, model.SampleSize);
            WriteFloats(Path.Combine(dir, name + ".calibration.f32"), scaled);
            WriteFloats(Path.Combine(dir, name + ".test.f32"), task.Test.Features);
            File.WriteAllText(Path.Combine(dir, name + ".arch.json"), JsonSerializer.Serialize(Architecture((Sequential)model.Network)));
            using var weights = new BinaryWriter(File.Create(Path.Combine(dir, name + ".weights.bin")));
            var arrays = model.Network.NamedParameters().Select(p => (p.Name, p.Tensor.Data)).Concat(model.Network.NamedBuffers()).ToList();
            weights.Write(arrays.Count);
            foreach (var (arrayName, data) in arrays)
            {
                weights.Write(arrayName);
                weights.Write(data.Length);
                foreach (float v in data)
                {
                    weights.Write(v);
                }
            }
        }

        File.WriteAllText(Path.Combine(dir, "test.labels.json"), JsonSerializer.Serialize(task.Test.Labels));
    }

    private static void WriteFloats(string path, float[] values)
    {
        using var w = new BinaryWriter(File.Create(path));
        foreach (float v in values)
        {
            w.Write(v);
        }
    }

    /// <summary>The layers as PyTorch rebuilds them (an nn.Sequential with the same indices, so the names match).</summary>
    private static List<Dictionary<string, object>> Architecture(Sequential network) =>
    [
        .. network.Layers.Select(layer => layer switch
        {
            Conv2d c => new Dictionary<string, object> { ["type"] = "conv2d", ["in"] = c.Weight.Dim(1), ["out"] = c.Weight.Dim(0), ["kernel"] = c.Weight.Dim(2), ["stride"] = c.Stride, ["padding"] = c.Padding },
            Linear l => new Dictionary<string, object> { ["type"] = "linear", ["in"] = l.Weight.Dim(1), ["out"] = l.Weight.Dim(0) },
            BatchNorm b => new Dictionary<string, object> { ["type"] = "batchnorm", ["channels"] = b.Weight.Length, ["eps"] = b.Eps },
            LayerNorm n => new Dictionary<string, object> { ["type"] = "layernorm", ["shape"] = n.Weight.Shape, ["eps"] = n.Eps },
            MaxPool2d p => new Dictionary<string, object> { ["type"] = "maxpool2d", ["kernel"] = p.KernelSize, ["stride"] = p.Stride },
            ReLU => new Dictionary<string, object> { ["type"] = "relu" },
            Flatten => new Dictionary<string, object> { ["type"] = "flatten" },
            Dropout => new Dictionary<string, object> { ["type"] = "dropout" },
            _ => throw new NotSupportedException($"{layer.Name} is not exported by this bench."),
        }),
    ];
}
