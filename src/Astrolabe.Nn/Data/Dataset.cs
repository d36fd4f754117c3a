namespace Astrolabe.Nn.Data;

/// <summary>
/// An in-memory dataset: <see cref="Count"/> samples of shape <see cref="SampleShape"/> stored contiguously, with
/// either class labels (<see cref="Labels"/>) or real-valued targets (<see cref="Targets"/>, <see cref="TargetWidth"/>
/// values per sample). Datasets are immutable by convention: transformations return new ones.
/// </summary>
public sealed class Dataset
{
    private readonly int[] _sampleShape;

    /// <summary>Creates a dataset; exactly one of <paramref name="labels"/> and <paramref name="targets"/> is given.</summary>
    /// <param name="features">The samples, row-major, <c>count × ∏sampleShape</c> values.</param>
    /// <param name="sampleShape">The shape of one sample (e.g. [64] or [1, 28, 28]).</param>
    /// <param name="labels">Class indices (classification), or null.</param>
    /// <param name="targets">Targets (regression or binary), <c>count × targetWidth</c>, or null.</param>
    /// <param name="targetWidth">Values per target.</param>
    /// <exception cref="ArgumentException">The sizes do not agree.</exception>
    public Dataset(float[] features, int[] sampleShape, int[]? labels = null, float[]? targets = null, int targetWidth = 1)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(sampleShape);
        if ((labels is null) == (targets is null))
        {
            throw new ArgumentException("Give exactly one of labels (classification) or targets (regression).");
        }

        _sampleShape = (int[])sampleShape.Clone();
        SampleSize = Shapes.Numel(sampleShape);
        if (SampleSize == 0 || features.Length % SampleSize != 0)
        {
            throw new ArgumentException($"{features.Length} feature values do not divide into samples of shape {Shapes.Format(sampleShape)}.");
        }

        Count = features.Length / SampleSize;
        if (labels is not null && labels.Length != Count)
        {
            throw new ArgumentException($"{Count} samples but {labels.Length} labels.");
        }

        if (targets is not null && targets.Length != Count * targetWidth)
        {
            throw new ArgumentException($"{Count} samples need {Count * targetWidth} target values, got {targets.Length}.");
        }

        Features = features;
        Labels = labels;
        Targets = targets;
        TargetWidth = targetWidth;
        NumClasses = labels is { Length: > 0 } ? labels.Max() + 1 : 0;
    }

    /// <summary>The samples, row-major.</summary>
    public float[] Features { get; }

    /// <summary>The shape of one sample (a copy).</summary>
    public int[] SampleShape => (int[])_sampleShape.Clone();

    /// <summary>Values per sample.</summary>
    public int SampleSize { get; }

    /// <summary>The number of samples.</summary>
    public int Count { get; }

    /// <summary>Class indices, or null for a regression dataset.</summary>
    public int[]? Labels { get; }

    /// <summary>Real-valued targets, or null for a classification dataset.</summary>
    public float[]? Targets { get; }

    /// <summary>Values per target.</summary>
    public int TargetWidth { get; }

    /// <summary>1 + the largest label (0 for regression).</summary>
    public int NumClasses { get; }

    /// <summary>The samples at <paramref name="indices"/>, in that order.</summary>
    /// <param name="indices">Sample indices.</param>
    /// <returns>The subset.</returns>
    public Dataset Subset(ReadOnlySpan<int> indices)
    {
        var f = new float[indices.Length * SampleSize];
        int[]? l = Labels is null ? null : new int[indices.Length];
        float[]? t = Targets is null ? null : new float[indices.Length * TargetWidth];
        for (int i = 0; i < indices.Length; i++)
        {
            int s = indices[i];
            Features.AsSpan(s * SampleSize, SampleSize).CopyTo(f.AsSpan(i * SampleSize));
            if (l is not null)
            {
                l[i] = Labels![s];
            }

            if (t is not null)
            {
                Targets.AsSpan(s * TargetWidth, TargetWidth).CopyTo(t.AsSpan(i * TargetWidth));
            }
        }

        return new Dataset(f, _sampleShape, l, t, TargetWidth);
    }

    /// <summary>A copy with every feature value mapped by <paramref name="f"/> (e.g. pixel scaling).</summary>
    /// <param name="f">The map.</param>
    /// <returns>The new dataset.</returns>
    public Dataset MapFeatures(Func<float, float> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new Dataset(Array.ConvertAll(Features, v => f(v)), _sampleShape, Labels, Targets, TargetWidth);
    }

    /// <summary>A copy viewing each sample under another shape with the same number of values.</summary>
    /// <param name="sampleShape">The new sample shape.</param>
    /// <returns>The new dataset (features shared).</returns>
    public Dataset WithSampleShape(params int[] sampleShape) => new(Features, sampleShape, Labels, Targets, TargetWidth);

    /// <summary>
    /// Shuffles sample indices with <paramref name="seed"/> and cuts them into train / validation / test parts.
    /// </summary>
    /// <param name="validationFraction">The share for validation, in [0, 1).</param>
    /// <param name="testFraction">The share for testing, in [0, 1).</param>
    /// <param name="seed">The shuffle seed (documented, fixed: the same split every run).</param>
    /// <returns>The three parts.</returns>
    public DatasetSplit Split(double validationFraction, double testFraction, long seed)
    {
        if (validationFraction < 0 || testFraction < 0 || validationFraction + testFraction >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(validationFraction), "Fractions must be ≥ 0 and sum to less than 1.");
        }

        var idx = Enumerable.Range(0, Count).ToArray();
        new Rng(seed).Shuffle<int>(idx);
        int nTest = (int)Math.Round(Count * testFraction), nVal = (int)Math.Round(Count * validationFraction);
        int nTrain = Count - nTest - nVal;
        return new DatasetSplit(
            Subset(idx.AsSpan(0, nTrain)), Subset(idx.AsSpan(nTrain, nVal)), Subset(idx.AsSpan(nTrain + nVal, nTest)));
    }

    /// <summary>The first <paramref name="count"/> samples and the rest (for files that are already shuffled).</summary>
    /// <param name="count">How many go into the first part.</param>
    /// <returns>(head, tail).</returns>
    public (Dataset Head, Dataset Tail) SplitAt(int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Count);
        var idx = Enumerable.Range(0, Count).ToArray();
        return (Subset(idx.AsSpan(0, count)), Subset(idx.AsSpan(count)));
    }

    /// <summary>The samples of <paramref name="first"/> followed by those of <paramref name="second"/>.</summary>
    /// <param name="first">The first part.</param>
    /// <param name="second">The second part (same sample shape and kind).</param>
    /// <returns>The concatenation.</returns>
    /// <exception cref="ArgumentException">The parts have different sample shapes, kinds or target widths.</exception>
    public static Dataset Concat(Dataset first, Dataset second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (!first._sampleShape.AsSpan().SequenceEqual(second._sampleShape) || (first.Labels is null) != (second.Labels is null) || first.TargetWidth != second.TargetWidth)
        {
            throw new ArgumentException("Only datasets with the same sample shape, kind and target width can be concatenated.");
        }

        return new Dataset(
            [.. first.Features, .. second.Features],
            first._sampleShape,
            first.Labels is null ? null : [.. first.Labels, .. second.Labels!],
            first.Targets is null ? null : [.. first.Targets, .. second.Targets!],
            first.TargetWidth);
    }

    /// <summary>Mini-batches over the dataset; the last one may be smaller.</summary>
    /// <param name="batchSize">Samples per batch (positive).</param>
    /// <param name="shuffle">Whether to visit the samples in a random order.</param>
    /// <param name="rng">The random source for shuffling (required when shuffling).</param>
    /// <returns>The batches, copied into fresh tensors.</returns>
    public IEnumerable<Batch> Batches(int batchSize, bool shuffle = false, Rng? rng = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        if (shuffle && rng is null)
        {
            throw new ArgumentNullException(nameof(rng), "Shuffling needs a seeded Rng.");
        }

        return Iterate(batchSize, shuffle, rng);
    }

    /// <summary>The order in which <see cref="Batches"/> visits the samples (the identity, or shuffled by <paramref name="rng"/>).</summary>
    internal int[] VisitOrder(bool shuffle, Rng? rng)
    {
        var order = Enumerable.Range(0, Count).ToArray();
        if (shuffle)
        {
            rng!.Shuffle<int>(order);
        }

        return order;
    }

    private IEnumerable<Batch> Iterate(int batchSize, bool shuffle, Rng? rng)
    {
        var order = VisitOrder(shuffle, rng);
        for (int start = 0; start < Count; start += batchSize)
        {
            int n = Math.Min(batchSize, Count - start);
            yield return Batch.Gather(this, order.AsSpan(start, n));
        }
    }
}

/// <summary>Train, validation and test parts of a dataset.</summary>
/// <param name="Train">The training part.</param>
/// <param name="Validation">The validation part.</param>
/// <param name="Test">The test part.</param>
public sealed record DatasetSplit(Dataset Train, Dataset Validation, Dataset Test);
