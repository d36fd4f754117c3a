using Astrolabe.Nn.Data;

namespace Astrolabe.ModelSearch;

/// <summary>
/// The datasets shipped in <c>data/</c> as search tasks, each with a fixed, documented split so that every run and
/// every peer sees the same parts:
/// <list type="bullet">
/// <item><c>mnist10k</c>: 28×28 images; samples 0–6,999 train, 7,000–7,999 validation, 8,000–9,999 test (the file is
/// already shuffled); pixels (read as 0–1) standardised with the training part's mean and deviation.</item>
/// <item><c>digits</c>: 8×8 images (pixel counts 0–16); shuffled with seed 42 into 60% train, 20% validation, 20% test;
/// pixels standardised likewise.</item>
/// <item><c>breast_cancer</c>, <c>wine</c>, <c>iris</c> (classification) and <c>diabetes</c> (regression): tabular,
/// shuffled with seed 42 into 60/20/20; features (and the diabetes target) standardised on the training part.</item>
/// </list>
/// </summary>
public static partial class BuiltInTasks
{
    /// <summary>The split seed of every shuffled dataset.</summary>
    public const long SplitSeed = 42;

    private static readonly Dictionary<string, Func<SearchTask>> s_tasks = new(StringComparer.OrdinalIgnoreCase)
    {
        ["mnist10k"] = Mnist10k,
        ["digits"] = Digits,
        ["breast_cancer"] = () => Tabular("breast_cancer", CsvLoader.LoadClassification(DataFiles.Find("breast_cancer.csv"), skipLines: 1)),
        ["wine"] = () => Tabular("wine", CsvLoader.LoadClassification(DataFiles.Find("wine_data.csv"), skipLines: 1)),
        ["iris"] = () => Tabular("iris", CsvLoader.LoadClassification(DataFiles.Find("iris.csv"), skipLines: 1)),
        ["diabetes"] = Diabetes,
    };

    /// <summary>The names <see cref="Load"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. s_tasks.Keys];

    /// <summary>Loads a shipped dataset as a task.</summary>
    /// <param name="name">One of <see cref="Names"/> (case-insensitive).</param>
    /// <returns>The task.</returns>
    /// <exception cref="ArgumentException">Unknown name, or a text or ratings dataset (the message points to <see cref="LoadText"/> or <see cref="LoadRatings"/>).</exception>
    /// <exception cref="FileNotFoundException">The data file is missing.</exception>
    public static SearchTask Load(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (NotAFeatureTask(name) is { } reason)
        {
            throw new ArgumentException(reason, nameof(name));
        }

        return s_tasks.TryGetValue(name, out var load)
            ? load()
            : throw new ArgumentException($"Unknown dataset '{name}'; choose one of: {string.Join(", ", Names)} (text: {string.Join(", ", TextNames)}; ratings: {string.Join(", ", RatingsNames)}).", nameof(name));
    }

    /// <summary>
    /// The raw (unscaled) test part of a shipped dataset, the same samples as <c>Load(name).Raw.Test</c>, without
    /// making the other parts where the file allows it (mnist10k converts only its 2,000 test images).
    /// </summary>
    /// <param name="name">One of <see cref="Names"/> (case-insensitive).</param>
    /// <returns>The test part.</returns>
    /// <exception cref="ArgumentException">Unknown name.</exception>
    /// <exception cref="FileNotFoundException">The data file is missing.</exception>
    public static Dataset LoadTestPart(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (string.Equals(name, "mnist10k", StringComparison.OrdinalIgnoreCase))
        {
            var mnist = new MnistFile();
            return mnist.Part(8000, mnist.Count);
        }

        return Load(name).Raw.Test;
    }

    private static SearchTask Mnist10k()
    {
        var mnist = new MnistFile();
        var train = mnist.Part(0, 7000);
        return new SearchTask("mnist10k", new DatasetSplit(train, mnist.Part(7000, 8000), mnist.Part(8000, mnist.Count)), Preprocessing.Global(train));
    }

    /// <summary>
    /// The shipped mnist10k images and labels as bytes; each part is made straight from them (a whole-file float copy
    /// split twice wrote 87 MB for 31).
    /// </summary>
    private sealed class MnistFile
    {
        private readonly byte[] _pixels;
        private readonly int[] _labels;
        private readonly int _rows;
        private readonly int _cols;

        public MnistFile()
        {
            string images = DataFiles.Find("mnist10k-images-idx3-ubyte.gz"), labels = DataFiles.Find("mnist10k-labels-idx1-ubyte.gz");
            (_pixels, Count, _rows, _cols) = IdxLoader.ReadImages(images);
            _labels = IdxLoader.ReadLabels(labels);
            if (_labels.Length != Count || Count <= 8000)
            {
                throw new InvalidDataException($"{images} holds {Count} images and {labels} {_labels.Length} labels; mnist10k needs 10,000 of each.");
            }
        }

        public int Count { get; }

        /// <summary>Samples <paramref name="start"/> to <paramref name="end"/> − 1, pixels read as 0–1.</summary>
        public Dataset Part(int start, int end)
        {
            int size = _rows * _cols;
            var f = new float[(end - start) * size];
            var source = _pixels.AsSpan(start * size, f.Length);
            for (int i = 0; i < f.Length; i++)
            {
                f[i] = source[i] / 255f;
            }

            return new Dataset(f, [1, _rows, _cols], _labels[start..end]);
        }
    }

    private static SearchTask Digits()
    {
        var all = CsvLoader.LoadClassification(DataFiles.Find("digits.csv.gz")).WithSampleShape(1, 8, 8);
        var split = all.Split(0.2, 0.2, SplitSeed);
        return new SearchTask("digits", split, Preprocessing.Global(split.Train));
    }

    private static SearchTask Diabetes()
    {
        var x = CsvLoader.ReadRows(DataFiles.Find("diabetes_data_raw.csv.gz"));
        var y = CsvLoader.ReadRows(DataFiles.Find("diabetes_target.csv.gz"));
        if (x.Count != y.Count)
        {
            throw new InvalidDataException($"diabetes: {x.Count} feature rows but {y.Count} targets.");
        }

        var all = new Dataset([.. x.SelectMany(r => r)], [x[0].Length], targets: [.. y.Select(r => r[0])]);
        return Tabular("diabetes", all);
    }

    private static SearchTask Tabular(string name, Dataset all)
    {
        var split = all.Split(0.2, 0.2, SplitSeed);
        return new SearchTask(name, split, Preprocessing.Standardize(split.Train));
    }
}
