using Astrolabe.Nn;
using Astrolabe.Nn.Data;
using Astrolabe.Nn.Losses;
using Astrolabe.Nn.Training;

namespace Astrolabe.ModelSearch;

/// <summary>
/// A trained network together with what it needs to be used on raw inputs: its configuration, input shape, output
/// count, task kind and preprocessing. <see cref="Save(string)"/> writes it to one file that <see cref="Load(string)"/>
/// reads back (format: <see cref="ModelFile"/>); <see cref="Predict"/> takes unscaled feature rows.
/// </summary>
public sealed class TrainedModel
{
    internal TrainedModel(Module network, ModelConfig config, string taskName, int[] inputShape, int outputs, bool isClassification, Preprocessing preprocessing)
    {
        Network = network;
        Config = config;
        TaskName = taskName;
        InputShape = inputShape;
        Outputs = outputs;
        IsClassification = isClassification;
        Preprocessing = preprocessing;
    }

    /// <summary>The network (in evaluation mode after training).</summary>
    public Module Network { get; }

    /// <summary>Its configuration.</summary>
    public ModelConfig Config { get; }

    /// <summary>The task it was trained for.</summary>
    public string TaskName { get; }

    /// <summary>One sample's shape.</summary>
    public int[] InputShape { get; }

    /// <summary>Values per sample (the product of <see cref="InputShape"/>).</summary>
    public int SampleSize => InputShape.Aggregate(1, (a, b) => a * b);

    /// <summary>Classes, or target values per sample.</summary>
    public int Outputs { get; }

    /// <summary>Classification (labels) or regression (targets).</summary>
    public bool IsClassification { get; }

    /// <summary>The scaling applied to raw inputs before the network.</summary>
    public Preprocessing Preprocessing { get; }

    /// <summary>The validation score after the last training epoch, when training had validation data.</summary>
    public double? ValidationScore { get; internal set; }

    internal ILoss Loss => IsClassification ? new CrossEntropyLoss() : new MseLoss();

    /// <summary>Scores scaled data: accuracy (classification) or RMSE in the target's units (regression).</summary>
    /// <param name="scaled">Data already passed through <see cref="Preprocessing"/> (e.g. <see cref="SearchTask.Test"/>).</param>
    /// <returns>The score.</returns>
    public double Score(Dataset scaled)
    {
        ArgumentNullException.ThrowIfNull(scaled);
        bool wasTraining = Network.IsTraining;
        Network.Eval();
        try
        {
            var evaluation = new Trainer(Network, Loss, Optim.Optimizers.Sgd(Network.Parameters())).Evaluate(scaled);
            return Score(evaluation);
        }
        finally
        {
            Network.Train(wasTraining);
        }
    }

    internal double Score(Evaluation evaluation) =>
        IsClassification ? evaluation.Accuracy!.Value : evaluation.Rmse!.Value * Preprocessing.TargetScale;

    /// <summary>Predicts raw samples: the class index (classification) or the target in its units (regression, first output).</summary>
    /// <param name="rawFeatures">Unscaled samples, row-major, a multiple of the sample size.</param>
    /// <returns>One prediction per sample.</returns>
    /// <exception cref="ArgumentException">The number of values is not a multiple of the sample size.</exception>
    public double[] Predict(ReadOnlySpan<float> rawFeatures)
    {
        int size = SampleSize;
        if (rawFeatures.Length == 0 || rawFeatures.Length % size != 0)
        {
            throw new ArgumentException($"The model takes samples of {size} values; got {rawFeatures.Length} values.");
        }

        int n = rawFeatures.Length / size;
        var x = new float[rawFeatures.Length];
        Preprocessing.ApplyFeatures(rawFeatures, x, size);
        Network.Eval();
        using var _ = GradMode.NoGrad();
        var output = Network.Forward(new Tensor(x, [n, .. InputShape]));
        var result = new double[n];
        for (int i = 0; i < n; i++)
        {
            var row = output.Data.AsSpan(i * Outputs, Outputs);
            result[i] = IsClassification ? IndexOfMax(row) : Preprocessing.UnscaleTarget(row[0]);
        }

        return result;
    }

    /// <summary>Writes the model to a file (see <see cref="ModelFile"/>).</summary>
    /// <param name="path">The destination (overwritten).</param>
    public void Save(string path) => ModelFile.Save(path, this);

    /// <summary>Reads a model written by <see cref="Save(string)"/>.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The model, in evaluation mode.</returns>
    /// <exception cref="InvalidDataException">The file is not a saved model or is damaged.</exception>
    public static TrainedModel Load(string path) => ModelFile.Load(path);

    private static int IndexOfMax(ReadOnlySpan<float> row)
    {
        int best = 0;
        for (int j = 1; j < row.Length; j++)
        {
            if (row[j] > row[best])
            {
                best = j;
            }
        }

        return best;
    }
}
