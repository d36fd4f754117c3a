using Astrolabe.Nn;
using Astrolabe.Nn.Data;
using Astrolabe.Nn.Losses;
using Astrolabe.Nn.Training;

namespace Astrolabe.ModelSearch;

/// <summary>
/// A trained network together with what it needs to be used on raw inputs: its configuration, input shape, output
/// count, task kind and preprocessing. <see cref="Save(string)"/> writes it to one file that <see cref="Load(string)"/>
/// reads back (format: <see cref="ModelFile"/>); <see cref="Predict(ReadOnlySpan{float})"/> takes unscaled feature rows.
/// </summary>
public sealed class TrainedModel
{
    internal TrainedModel(
        Module network, ModelConfig config, string taskName, int[] inputShape, int outputs, bool isClassification, Preprocessing preprocessing,
        ModelPrecision precision = ModelPrecision.Fp32, QuantizedNetwork? quantized = null)
    {
        if ((precision == ModelPrecision.QInt8) != (quantized is not null))
        {
            throw new ArgumentException("An int8 model needs its quantised network, and only an int8 model has one.");
        }

        Precision = precision;
        Quantized = quantized;
        Network = network;
        Config = config;
        TaskName = taskName;
        InputShape = inputShape;
        Outputs = outputs;
        IsClassification = isClassification;
        Preprocessing = preprocessing;
    }

    /// <summary>
    /// The network (in evaluation mode after training). For an <see cref="ModelPrecision.QInt8"/> model read from a file
    /// it has the structure but only the weights of the layers that run in fp32: the int8 layers live in <see cref="Quantized"/>.
    /// </summary>
    public Module Network { get; }

    /// <summary>How the weights are stored (and, for int8, run).</summary>
    public ModelPrecision Precision { get; }

    /// <summary>The int8 network that predicts for an <see cref="ModelPrecision.QInt8"/> model, else null.</summary>
    public QuantizedNetwork? Quantized { get; }

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
        if (Quantized is not null)
        {
            return ScoreQuantized(scaled);
        }

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

    private double ScoreQuantized(Dataset scaled)
    {
        var outputs = new float[scaled.Count * Outputs];
        Quantized!.Forward(scaled.Features, outputs);
        double total = 0;
        for (int i = 0; i < scaled.Count; i++)
        {
            var row = outputs.AsSpan(i * Outputs, Outputs);
            if (IsClassification)
            {
                total += IndexOfMax(row) == scaled.Labels![i] ? 1 : 0;
            }
            else
            {
                double d = (row[0] - scaled.Targets![i * scaled.TargetWidth]) * Preprocessing.TargetScale;
                total += d * d;
            }
        }

        return IsClassification ? total / scaled.Count : Math.Sqrt(total / scaled.Count);
    }

    internal double Score(Evaluation evaluation) =>
        IsClassification ? evaluation.Accuracy!.Value : evaluation.Rmse!.Value * Preprocessing.TargetScale;

    /// <summary>Rows per forward pass of <see cref="Predict(ReadOnlySpan{float}, Span{double}, Span{float})"/>.</summary>
    internal const int PredictBatchSize = 64;

    /// <summary>Predicts raw samples: the class index (classification) or the target in its units (regression, first output).</summary>
    /// <param name="rawFeatures">Unscaled samples, row-major, a multiple of the sample size.</param>
    /// <returns>One prediction per sample.</returns>
    /// <exception cref="ArgumentException">The number of values is not a multiple of the sample size.</exception>
    public double[] Predict(ReadOnlySpan<float> rawFeatures)
    {
        var result = new double[Rows(rawFeatures)];
        Predict(rawFeatures, result, []);
        return result;
    }

    /// <summary>The class probabilities of raw samples (softmax of the network's outputs), <see cref="Outputs"/> per sample, row-major.</summary>
    /// <param name="rawFeatures">Unscaled samples, row-major, a multiple of the sample size.</param>
    /// <returns>The probabilities [samples × <see cref="Outputs"/>]; each row sums to 1.</returns>
    /// <exception cref="ArgumentException">The number of values is not a multiple of the sample size.</exception>
    /// <exception cref="InvalidOperationException">The model is a regression model.</exception>
    public float[] PredictProbabilities(ReadOnlySpan<float> rawFeatures)
    {
        var probabilities = new float[Rows(rawFeatures) * Outputs];
        Predict(rawFeatures, new double[Rows(rawFeatures)], probabilities);
        return probabilities;
    }

    /// <summary>
    /// Predicts raw samples into the caller's spans: the class index (classification) or the target in its units
    /// (regression, first output) and, when <paramref name="probabilities"/> is not empty, the class probabilities.
    /// The network runs on batches of 64 rows whose arrays are reused from batch to batch, so the memory used does
    /// not grow with the number of rows (only the results do).
    /// </summary>
    /// <param name="rawFeatures">Unscaled samples, row-major, a multiple of the sample size.</param>
    /// <param name="predictions">One element per sample.</param>
    /// <param name="probabilities">Empty, or <see cref="Outputs"/> elements per sample (classification only): the softmax of each sample's outputs.</param>
    /// <exception cref="ArgumentException">The number of values is not a multiple of the sample size, or a destination has the wrong length.</exception>
    /// <exception cref="InvalidOperationException">Probabilities were asked of a regression model.</exception>
    public void Predict(ReadOnlySpan<float> rawFeatures, Span<double> predictions, Span<float> probabilities)
    {
        int n = Rows(rawFeatures), size = SampleSize;
        if (predictions.Length != n)
        {
            throw new ArgumentException($"{n} samples need {n} predictions; the destination has {predictions.Length}.", nameof(predictions));
        }

        if (!probabilities.IsEmpty)
        {
            if (!IsClassification)
            {
                throw new InvalidOperationException("Class probabilities need a classification model; this one predicts a regression target.");
            }

            if (probabilities.Length != n * Outputs)
            {
                throw new ArgumentException($"{n} samples of {Outputs} classes need {n * Outputs} probabilities; the destination has {probabilities.Length}.", nameof(probabilities));
            }
        }

        Network.Eval();
        using var noGrad = GradMode.NoGrad();
        var arena = new TensorArena();
        float[]? full = null;
        float[]? quantizedOutput = Quantized is null ? null : new float[PredictBatchSize * Outputs];
        for (int start = 0; start < n; start += PredictBatchSize)
        {
            int rows = Math.Min(PredictBatchSize, n - start);
            var x = rows == PredictBatchSize ? full ??= new float[PredictBatchSize * size] : new float[rows * size];
            Preprocessing.ApplyFeatures(rawFeatures.Slice(start * size, rows * size), x, size);
            using var scope = arena.Enter();
            float[] output;
            if (Quantized is not null)
            {
                output = quantizedOutput!;
                Quantized.Forward(x.AsSpan(0, rows * size), output.AsSpan(0, rows * Outputs));
            }
            else
            {
                output = Network.Forward(new Tensor(x, [rows, .. InputShape])).Data;
            }

            for (int i = 0; i < rows; i++)
            {
                var row = output.AsSpan(i * Outputs, Outputs);
                predictions[start + i] = IsClassification ? IndexOfMax(row) : Preprocessing.UnscaleTarget(row[0]);
                if (!probabilities.IsEmpty)
                {
                    Softmax(row, probabilities.Slice((start + i) * Outputs, Outputs));
                }
            }
        }
    }

    private int Rows(ReadOnlySpan<float> rawFeatures)
    {
        int size = SampleSize;
        if (rawFeatures.Length == 0 || rawFeatures.Length % size != 0)
        {
            throw new ArgumentException($"The model takes samples of {size} values; got {rawFeatures.Length} values.");
        }

        return rawFeatures.Length / size;
    }

    private static void Softmax(ReadOnlySpan<float> logits, Span<float> probabilities)
    {
        float max = float.NegativeInfinity;
        foreach (float v in logits)
        {
            max = Math.Max(max, v);
        }

        double sum = 0;
        for (int j = 0; j < logits.Length; j++)
        {
            sum += Math.Exp(logits[j] - max);
        }

        for (int j = 0; j < logits.Length; j++)
        {
            probabilities[j] = (float)(Math.Exp(logits[j] - max) / sum);
        }
    }

    /// <summary>
    /// This model quantised to int8 (post-training static quantisation, <see cref="QuantizedNetwork.Quantize"/>): activation
    /// ranges are calibrated on <paramref name="rawCalibrationRows"/>, unscaled like <see cref="Predict(ReadOnlySpan{float})"/>'s
    /// input. The fp32 model is left as it is.
    /// </summary>
    /// <param name="rawCalibrationRows">Representative raw samples, row-major (a few hundred are plenty).</param>
    /// <param name="options">Calibration method and widths (default: min/max, 8 bits).</param>
    /// <returns>The int8 model; <see cref="Save(string)"/> writes its int8 weights.</returns>
    /// <exception cref="ArgumentException">No rows, a length that is not a multiple of the sample size, non-finite values, or what <see cref="QuantizedNetwork.Quantize"/> refuses.</exception>
    /// <exception cref="InvalidOperationException">The model is already int8, or its network is not a layer sequence.</exception>
    public TrainedModel Quantize(ReadOnlySpan<float> rawCalibrationRows, QuantizationOptions? options = null)
    {
        if (Quantized is not null)
        {
            throw new InvalidOperationException("The model is already quantised to int8.");
        }

        int rows = Rows(rawCalibrationRows), size = SampleSize;
        var scaled = new float[rows * size];
        Preprocessing.ApplyFeatures(rawCalibrationRows, scaled, size);
        return QuantizeScaled(new Tensor(scaled, [rows, .. InputShape]), options);
    }

    /// <summary>As <see cref="Quantize"/>, from rows already scaled by <see cref="Preprocessing"/> ([rows, ...<see cref="InputShape"/>]).</summary>
    internal TrainedModel QuantizeScaled(Tensor scaledRows, QuantizationOptions? options)
    {
        if (Quantized is not null)
        {
            throw new InvalidOperationException("The model is already quantised to int8.");
        }

        var network = Network as Sequential ?? throw new InvalidOperationException("Only a layer sequence can be quantised.");
        var quantized = QuantizedNetwork.Quantize(network, scaledRows, options);
        return new TrainedModel(Network, Config, TaskName, InputShape, Outputs, IsClassification, Preprocessing, ModelPrecision.QInt8, quantized) { ValidationScore = ValidationScore };
    }

    /// <summary>
    /// This model with its weights stored in <paramref name="precision"/> (<see cref="ModelPrecision.Fp32"/>,
    /// <see cref="ModelPrecision.Bf16"/> or <see cref="ModelPrecision.Fp16"/>): a copy of the network whose
    /// parameters are rounded to that precision, so it predicts exactly as it will after <see cref="Save(string)"/> and
    /// <see cref="Load(string)"/>; compute stays fp32.
    /// </summary>
    /// <param name="precision">The storage precision.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentException"><see cref="ModelPrecision.QInt8"/> (use <see cref="Quantize"/>), or a weight beyond the precision's range.</exception>
    /// <exception cref="InvalidOperationException">The model is int8.</exception>
    public TrainedModel WithPrecision(ModelPrecision precision)
    {
        if (precision == ModelPrecision.QInt8)
        {
            throw new ArgumentException("int8 needs calibration data: use Quantize.", nameof(precision));
        }

        if (Quantized is not null)
        {
            throw new InvalidOperationException("An int8 model has no fp32 weights to store in another precision; start from the fp32 model.");
        }

        var copy = ModelBuilder.Build(Config, InputShape, Outputs, seed: 0);
        var source = WeightArrays.Of(Network).ToDictionary(a => a.Name, a => a.Data);
        foreach (var (name, data, isParameter) in WeightArrays.Of(copy))
        {
            var from = source[name];
            for (int i = 0; i < data.Length; i++)
            {
                data[i] = isParameter && precision != ModelPrecision.Fp32 ? HalfPrecision.Round(from[i], precision, name) : from[i];
            }
        }

        copy.Eval();
        return new TrainedModel(copy, Config, TaskName, InputShape, Outputs, IsClassification, Preprocessing, precision) { ValidationScore = ValidationScore };
    }

    /// <summary>Writes the model to a file (see <see cref="ModelFile"/>).</summary>
    /// <param name="path">The destination (overwritten).</param>
    public void Save(string path) => ModelFile.Save(path, this);

    /// <summary>Reads a model written by <see cref="Save(string)"/>.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The model, in evaluation mode.</returns>
    /// <exception cref="InvalidDataException">The file is not a saved model or is damaged.</exception>
    public static TrainedModel Load(string path) => ModelFile.Load(path);

    /// <summary>The first index of the largest value of a row (the predicted class of a row of logits).</summary>
    internal static int IndexOfMax(ReadOnlySpan<float> row)
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
