namespace Astrolabe;

/// <summary>
/// A fitted regression tree as flat arrays (scikit-learn's <c>Tree</c>), nodes in depth-first order, left child
/// first, root 0. A sample goes left at an inner node when its feature value is at most the node's threshold.
/// </summary>
internal sealed class RegressionTree
{
    public RegressionTree(int capacity)
    {
        Feature = new int[capacity];
        Threshold = new double[capacity];
        Left = new int[capacity];
        Right = new int[capacity];
        Value = new double[capacity];
        Weight = new double[capacity];
        Impurity = new double[capacity];
    }

    /// <summary>How many nodes.</summary>
    public int Count { get; private set; }

    /// <summary>The feature an inner node splits on; −1 for a leaf.</summary>
    public int[] Feature { get; private set; }

    /// <summary>The split threshold of an inner node.</summary>
    public double[] Threshold { get; private set; }

    /// <summary>The left child of an inner node.</summary>
    public int[] Left { get; private set; }

    /// <summary>The right child of an inner node.</summary>
    public int[] Right { get; private set; }

    /// <summary>The weighted mean target of the node's samples (the prediction at a leaf).</summary>
    public double[] Value { get; private set; }

    /// <summary>The weighted number of the node's samples (bootstrap counts).</summary>
    public double[] Weight { get; private set; }

    /// <summary>The weighted variance of the node's targets (its mean squared error).</summary>
    public double[] Impurity { get; private set; }

    /// <summary>Appends a leaf and returns its index (a caller turns it into an inner node with <see cref="Split"/>).</summary>
    public int Add(double value, double weight, double impurity)
    {
        if (Count == Feature.Length)
        {
            Grow();
        }

        int node = Count++;
        Feature[node] = -1;
        Value[node] = value;
        Weight[node] = weight;
        Impurity[node] = impurity;
        return node;
    }

    /// <summary>Makes <paramref name="node"/> an inner node.</summary>
    public void Split(int node, int feature, double threshold, int left, int right)
    {
        Feature[node] = feature;
        Threshold[node] = threshold;
        Left[node] = left;
        Right[node] = right;
    }

    /// <summary>The prediction for one sample given by a feature accessor.</summary>
    public double Predict(Func<int, double> feature)
    {
        int node = 0;
        while (Feature[node] >= 0)
        {
            node = feature(Feature[node]) <= Threshold[node] ? Left[node] : Right[node];
        }

        return Value[node];
    }

    private void Grow()
    {
        int size = Math.Max(8, Feature.Length * 2);
        Feature = Resize(Feature, size);
        Threshold = Resize(Threshold, size);
        Left = Resize(Left, size);
        Right = Resize(Right, size);
        Value = Resize(Value, size);
        Weight = Resize(Weight, size);
        Impurity = Resize(Impurity, size);
    }

    private static T[] Resize<T>(T[] array, int size)
    {
        Array.Resize(ref array, size);
        return array;
    }
}
