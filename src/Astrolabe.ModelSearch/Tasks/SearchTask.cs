using Astrolabe.Nn.Data;

namespace Astrolabe.ModelSearch;

/// <summary>
/// A supervised learning task for a model search: raw train, validation and test parts and the preprocessing fitted
/// on the training part. The search trains on <see cref="Train"/> and scores on <see cref="Validation"/>; the test
/// part is touched once, by the final model. Classification scores accuracy (maximised); regression scores RMSE in
/// the target's units (minimised).
/// </summary>
public sealed class SearchTask
{
    /// <summary>Creates a task from raw parts.</summary>
    /// <param name="name">The task's name (e.g. the dataset's).</param>
    /// <param name="raw">The raw train / validation / test parts (all labelled, or all with targets).</param>
    /// <param name="preprocessing">The scaling fitted on the training part.</param>
    /// <exception cref="ArgumentException">A part is empty or the parts disagree.</exception>
    public SearchTask(string name, DatasetSplit raw, Preprocessing preprocessing)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(preprocessing);
        if (raw.Train.Count == 0 || raw.Validation.Count == 0 || raw.Test.Count == 0)
        {
            throw new ArgumentException($"Task '{name}' needs non-empty train, validation and test parts ({raw.Train.Count}/{raw.Validation.Count}/{raw.Test.Count}).");
        }

        if (raw.Train.SampleSize != raw.Validation.SampleSize || raw.Train.SampleSize != raw.Test.SampleSize
            || (raw.Train.Labels is null) != (raw.Test.Labels is null) || (raw.Train.Labels is null) != (raw.Validation.Labels is null))
        {
            throw new ArgumentException($"Task '{name}': the train, validation and test parts have different shapes or kinds.");
        }

        Name = name;
        Raw = raw;
        Preprocessing = preprocessing;
        // Scaled on first use: predicting the test part never pays for a scaled copy of the training part.
        _train = new Lazy<Dataset>(() => preprocessing.Apply(raw.Train));
        _validation = new Lazy<Dataset>(() => preprocessing.Apply(raw.Validation));
        _test = new Lazy<Dataset>(() => preprocessing.Apply(raw.Test));
        IsClassification = raw.Train.Labels is not null;
        Outputs = IsClassification ? Math.Max(raw.Train.NumClasses, Math.Max(raw.Validation.NumClasses, raw.Test.NumClasses)) : raw.Train.TargetWidth;
    }

    /// <summary>The task's name.</summary>
    public string Name { get; }

    /// <summary>The unscaled parts.</summary>
    public DatasetSplit Raw { get; }

    /// <summary>The feature (and target) scaling fitted on the training part.</summary>
    public Preprocessing Preprocessing { get; }

    private readonly Lazy<Dataset> _train;
    private readonly Lazy<Dataset> _validation;
    private readonly Lazy<Dataset> _test;

    /// <summary>The scaled training part (made on first use).</summary>
    public Dataset Train => _train.Value;

    /// <summary>The scaled validation part (made on first use).</summary>
    public Dataset Validation => _validation.Value;

    /// <summary>The scaled test part (made on first use).</summary>
    public Dataset Test => _test.Value;

    /// <summary>True for class labels, false for real-valued targets.</summary>
    public bool IsClassification { get; }

    /// <summary>Classes (classification) or target values per sample (regression).</summary>
    public int Outputs { get; }

    /// <summary>The shape of one sample: <c>[features]</c> or <c>[channels, height, width]</c>.</summary>
    public int[] InputShape => Raw.Train.SampleShape;

    /// <summary>Whether samples are images (<c>[channels, height, width]</c>), which convolutional models need.</summary>
    public bool IsImage => Raw.Train.SampleShape.Length == 3;

    /// <summary>The direction of the search's objective: maximise accuracy, minimise RMSE.</summary>
    public StudyDirection Direction => IsClassification ? StudyDirection.Maximize : StudyDirection.Minimize;

    /// <summary>"accuracy" or "rmse".</summary>
    public string MetricName => IsClassification ? "accuracy" : "rmse";
}
