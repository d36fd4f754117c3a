using Astrolabe.Nn;

namespace Astrolabe.ModelSearch.Tests.Explain;

/// <summary>
/// Small models for the explanation tests: hand-built networks that ignore chosen inputs, and trained ones (cached
/// per process) with tanh activations, whose outputs are smooth along a straight path except at the CNN's max-pooling
/// switches, and with ReLU activations, which bend at every unit that changes sign.
/// </summary>
internal static class Models
{
    private static readonly Lazy<(TrainedModel, SearchTask)> s_wine = new(() => Train("wine", new ModelConfig { Hidden = [16], Activation = ActivationKind.Tanh, Epochs = 30, LearningRate = 3e-3 }));
    private static readonly Lazy<(TrainedModel, SearchTask)> s_digits = new(() => Train("digits", new ModelConfig { Family = ModelFamilies.Get("cnn"), Channels = [6], Hidden = [16], Activation = ActivationKind.Tanh, Epochs = 3 }));
    private static readonly Lazy<(TrainedModel, SearchTask)> s_diabetes = new(() => Train("diabetes", new ModelConfig { Hidden = [16], Activation = ActivationKind.Tanh, Epochs = 20, LearningRate = 3e-3 }));

    private static readonly Lazy<(TrainedModel, SearchTask)> s_wineRelu = new(() => Train("wine", new ModelConfig { Hidden = [32], Activation = ActivationKind.Relu, Epochs = 10, LearningRate = 3e-3 }));
    private static readonly Lazy<(TrainedModel, SearchTask)> s_digitsRelu = new(() => Train("digits", new ModelConfig { Family = ModelFamilies.Get("cnn"), Channels = [8], Hidden = [32], Activation = ActivationKind.Relu, Epochs = 10, LearningRate = 3e-3 }));

    public static (TrainedModel Model, SearchTask Task) Wine => s_wine.Value;

    public static (TrainedModel Model, SearchTask Task) WineRelu => s_wineRelu.Value;

    public static (TrainedModel Model, SearchTask Task) DigitsRelu => s_digitsRelu.Value;

    public static (TrainedModel Model, SearchTask Task) Digits => s_digits.Value;

    public static (TrainedModel Model, SearchTask Task) Diabetes => s_diabetes.Value;

    /// <summary>
    /// A classifier of <paramref name="inputs"/> raw features into 3 classes whose first layer has zero weights for
    /// the inputs in <paramref name="ignored"/> (so nothing downstream can see them), with a per-feature scaling.
    /// </summary>
    public static TrainedModel Ignoring(int inputs, int[] ignored, bool hidden = true)
    {
        var first = new Linear(inputs, hidden ? 8 : 3, rng: new Rng(1));
        for (int o = 0; o < first.Weight.Dim(0); o++)
        {
            foreach (int i in ignored)
            {
                first.Weight.Data[(o * inputs) + i] = 0;
            }
        }

        Module network = hidden ? new Sequential(first, new Tanh(), new Linear(8, 3, rng: new Rng(2))) : new Sequential(first);
        network.Eval();
        var offsets = Enumerable.Range(0, inputs).Select(i => 0.5f * i).ToArray();
        var scales = Enumerable.Range(0, inputs).Select(i => 1f + (0.25f * i)).ToArray();
        return new TrainedModel(network, new ModelConfig(), "hand-built", [inputs], 3, isClassification: true, new Preprocessing(offsets, scales));
    }

    /// <summary>
    /// Two inputs, class 0's logit <c>2 relu(x₀ − 0.3) + relu(x₁ + 0.5)</c> (classes 1 and 2 constant 0), no scaling:
    /// from the all-zeros baseline to (1, 1) exactly one unit switches, at α = 0.3, so the integrated gradients are
    /// exactly (1.4, 1) and f(x) − f(x′) = 2.4.
    /// </summary>
    public static TrainedModel OneSwitch()
    {
        var first = new Linear(2, 2);
        first.Weight.Data.AsSpan().Clear();
        first.Weight.Data[0] = 1;
        first.Weight.Data[3] = 1;
        first.Bias!.Data[0] = -0.3f;
        first.Bias.Data[1] = 0.5f;
        var second = new Linear(2, 3);
        second.Weight.Data.AsSpan().Clear();
        second.Bias!.Data.AsSpan().Clear();
        second.Weight.Data[0] = 2;
        second.Weight.Data[1] = 1;
        Module network = new Sequential(first, new ReLU(), second);
        network.Eval();
        return new TrainedModel(network, new ModelConfig(), "hand-built", [2], 3, isClassification: true, new Preprocessing([0f, 0f], [1f, 1f]));
    }

    private static (TrainedModel, SearchTask) Train(string dataset, ModelConfig config)
    {
        var task = BuiltInTasks.Load(dataset);
        return (ModelTraining.Fit(config, task, task.Train, null, 1), task);
    }
}
