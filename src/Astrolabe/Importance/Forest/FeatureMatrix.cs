namespace Astrolabe;

/// <summary>
/// Parameters as the numeric features a random forest fits, as Optuna encodes
/// them (<c>_SearchSpaceTransform</c> without log or step transforms): a float or int parameter is one feature on its
/// own scale with its distribution's bounds; a categorical one is one 0/1 feature per choice (one-hot), each bounded by
/// [0, 1]. Column-major: feature f of sample i is <c>X[f * Samples + i]</c>.
/// </summary>
internal sealed class FeatureMatrix
{
    private FeatureMatrix(double[] x, int samples, double[] low, double[] high, int[][] columnsOf)
    {
        X = x;
        Samples = samples;
        Low = low;
        High = high;
        ColumnsOf = columnsOf;
    }

    /// <summary>The feature values, column-major.</summary>
    public double[] X { get; }

    /// <summary>How many samples (trials).</summary>
    public int Samples { get; }

    /// <summary>How many features.</summary>
    public int Features => Low.Length;

    /// <summary>The lower bound of each feature.</summary>
    public double[] Low { get; }

    /// <summary>The upper bound of each feature.</summary>
    public double[] High { get; }

    /// <summary>The features of each parameter, in the order given.</summary>
    public int[][] ColumnsOf { get; }

    /// <summary>The features of <paramref name="parameters"/>, whose internal values <paramref name="column"/> gives, one per sample.</summary>
    public static FeatureMatrix From(IReadOnlyList<string> parameters, IReadOnlyDictionary<string, Distribution> distributions, Func<string, double[]> column)
    {
        int n = -1;
        var low = new List<double>();
        var high = new List<double>();
        var columns = new List<double[]>();
        var columnsOf = new int[parameters.Count][];
        for (int p = 0; p < parameters.Count; p++)
        {
            string name = parameters[p];
            double[] values = column(name);
            n = values.Length;
            switch (distributions[name])
            {
                case CategoricalDistribution categorical:
                    columnsOf[p] = [.. Enumerable.Range(columns.Count, categorical.Choices.Count)];
                    for (int c = 0; c < categorical.Choices.Count; c++)
                    {
                        columns.Add([.. values.Select(v => (int)v == c ? 1.0 : 0.0)]);
                        low.Add(0);
                        high.Add(1);
                    }

                    break;
                case FloatDistribution f:
                    columnsOf[p] = [columns.Count];
                    columns.Add(values);
                    low.Add(f.Low);
                    high.Add(f.High);
                    break;
                case IntDistribution i:
                    columnsOf[p] = [columns.Count];
                    columns.Add(values);
                    low.Add(i.Low);
                    high.Add(i.High);
                    break;
                default:
                    throw new ArgumentException($"Parameter '{name}' has a distribution the forest cannot encode.");
            }
        }

        n = Math.Max(n, 0);
        var x = new double[columns.Count * n];
        for (int f = 0; f < columns.Count; f++)
        {
            columns[f].CopyTo(x, f * n);
        }

        return new FeatureMatrix(x, n, [.. low], [.. high], columnsOf);
    }
}
