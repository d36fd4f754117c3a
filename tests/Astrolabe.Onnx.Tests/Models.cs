using Astrolabe.ModelSearch;

namespace Astrolabe.Onnx.Tests;

/// <summary>Small models trained for two epochs on the shipped tasks, with a fixed seed.</summary>
internal static class Models
{
    private static readonly Dictionary<string, SearchTask> s_tasks = [];
    private static readonly Lock Gate = new();

    public static SearchTask Task(string name)
    {
        lock (Gate)
        {
            if (!s_tasks.TryGetValue(name, out var task))
            {
                task = BuiltInTasks.Load(name);
                s_tasks.Add(name, task);
            }

            return task;
        }
    }

    public static TrainedModel Train(string dataset, string family, ActivationKind activation = ActivationKind.Relu, NormalizationKind normalization = NormalizationKind.None, double dropout = 0)
    {
        var task = Task(dataset);
        var config = new ModelConfig
        {
            Family = ModelFamilies.Get(family),
            Channels = family == "cnn" ? [4, 6] : [],
            Hidden = family == "cnn" ? [16] : [16, 12],
            Activation = activation,
            Normalization = normalization,
            Dropout = dropout,
            Epochs = 2,
        };
        return ModelTraining.Fit(config, task, task.Train, task.Validation, 5);
    }
}
