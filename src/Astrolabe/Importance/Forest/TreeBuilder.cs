namespace Astrolabe;

/// <summary>
/// Grows one regression tree on bootstrap-weighted samples as scikit-learn's <c>DecisionTreeRegressor</c> does with
/// <c>criterion="squared_error"</c>, every feature considered at each split (in a random order, which only breaks ties),
/// best split by the weighted sum of squares, threshold halfway between neighbouring values, depth-first. Splits are
/// found on presorted samples: each feature keeps its node's samples sorted in one contiguous segment, and a split
/// partitions every segment stably, so a level of the tree costs O(samples × features) and no sort is repeated.
/// Buffers are reused from tree to tree; not thread-safe.
/// </summary>
internal sealed class TreeBuilder
{
    // scikit-learn's FEATURE_THRESHOLD: values closer than this are not split apart.
    private const double FeatureThreshold = 1e-7;
    // numpy.finfo(double).eps: a node whose impurity is at most this is a leaf.
    private const double Epsilon = 2.220446049250313e-16;

    private readonly FeatureMatrix features;
    private readonly double[] y;
    private readonly int[] presorted;
    private readonly int[] order;
    private readonly int[] buffer;
    private readonly bool[] goesLeft;
    private readonly int[] featureOrder;
    private readonly Stack<(int Start, int End, int Depth, int Parent, bool IsLeft)> stack = new();
    private double[] weight = [];
    private int inBag;

    public TreeBuilder(FeatureMatrix features, double[] y)
    {
        this.features = features;
        this.y = y;
        int n = features.Samples, d = features.Features;
        presorted = new int[n * d];
        order = new int[n * d];
        buffer = new int[n];
        goesLeft = new bool[n];
        featureOrder = [.. Enumerable.Range(0, d)];
        for (int f = 0; f < d; f++)
        {
            var keys = features.X.AsSpan(f * n, n).ToArray();
            var index = presorted.AsSpan(f * n, n);
            for (int i = 0; i < n; i++)
            {
                index[i] = i;
            }

            keys.AsSpan().Sort(index);
        }
    }

    /// <summary>Grows a tree on samples weighted by <paramref name="sampleWeight"/> (bootstrap counts; 0 leaves a sample out).</summary>
    public RegressionTree Build(double[] sampleWeight, int maxDepth, Random random)
    {
        weight = sampleWeight;
        int n = features.Samples, d = features.Features;
        inBag = 0;
        for (int f = 0; f < d; f++)
        {
            int k = 0;
            foreach (int i in presorted.AsSpan(f * n, n))
            {
                if (sampleWeight[i] > 0)
                {
                    order[(f * n) + k++] = i;
                }
            }

            inBag = k;
        }

        var tree = new RegressionTree(Math.Max(8, 2 * inBag));
        stack.Push((0, inBag, 0, -1, false));
        while (stack.Count > 0)
        {
            var (start, end, depth, parent, isLeft) = stack.Pop();
            var (w, s, q) = Sums(start, end);
            double mean = s / w;
            double impurity = Math.Max(0, (q / w) - (mean * mean));
            int node = tree.Add(mean, w, impurity);
            if (parent >= 0)
            {
                if (isLeft)
                {
                    tree.Left[parent] = node;
                }
                else
                {
                    tree.Right[parent] = node;
                }
            }

            if (depth >= maxDepth || end - start < 2 || impurity <= Epsilon)
            {
                continue;
            }

            var (feature, position, threshold) = BestSplit(start, end, random);
            if (feature < 0)
            {
                continue;
            }

            Partition(feature, start, position, end);
            tree.Split(node, feature, threshold, -1, -1);
            stack.Push((position, end, depth + 1, node, false));
            stack.Push((start, position, depth + 1, node, true));
        }

        return tree;
    }

    private (double W, double S, double Q) Sums(int start, int end)
    {
        double w = 0, s = 0, q = 0;
        foreach (int i in order.AsSpan(start, end - start))
        {
            double wi = weight[i], yi = y[i];
            w += wi;
            s += wi * yi;
            q += wi * yi * yi;
        }

        return (w, s, q);
    }

    private (int Feature, int Position, double Threshold) BestSplit(int start, int end, Random random)
    {
        int n = features.Samples;
        double[] x = features.X;
        var (totalW, totalS, _) = Sums(start, end);
        double best = double.NegativeInfinity;
        int bestFeature = -1, bestPosition = -1;
        double bestThreshold = 0;
        random.Shuffle(featureOrder);
        foreach (int f in featureOrder)
        {
            var segment = order.AsSpan((f * n) + start, end - start);
            int offset = f * n;
            if (x[offset + segment[^1]] <= x[offset + segment[0]] + FeatureThreshold)
            {
                continue;
            }

            double wl = 0, sl = 0;
            for (int p = 1; p < segment.Length; p++)
            {
                int previous = segment[p - 1];
                wl += weight[previous];
                sl += weight[previous] * y[previous];
                double xPrevious = x[offset + previous], xHere = x[offset + segment[p]];
                if (xHere <= xPrevious + FeatureThreshold)
                {
                    continue;
                }

                double wr = totalW - wl, sr = totalS - sl;
                double proxy = (sl * sl / wl) + (sr * sr / wr);
                if (proxy > best)
                {
                    best = proxy;
                    bestFeature = f;
                    bestPosition = start + p;
                    bestThreshold = (xPrevious / 2) + (xHere / 2);
                    if (bestThreshold == xHere || double.IsInfinity(bestThreshold))
                    {
                        bestThreshold = xPrevious;
                    }
                }
            }
        }

        return (bestFeature, bestPosition, bestThreshold);
    }

    // The first (position − start) samples in the split feature's order go left; every feature's segment is
    // partitioned stably so that each child's samples stay sorted.
    private void Partition(int feature, int start, int position, int end)
    {
        int n = features.Samples;
        foreach (int i in order.AsSpan((feature * n) + start, position - start))
        {
            goesLeft[i] = true;
        }

        foreach (int i in order.AsSpan((feature * n) + position, end - position))
        {
            goesLeft[i] = false;
        }

        for (int f = 0; f < features.Features; f++)
        {
            if (f == feature)
            {
                continue;
            }

            var segment = order.AsSpan((f * n) + start, end - start);
            int left = 0, right = 0;
            foreach (int i in segment)
            {
                if (goesLeft[i])
                {
                    segment[left++] = i;
                }
                else
                {
                    buffer[right++] = i;
                }
            }

            buffer.AsSpan(0, right).CopyTo(segment[left..]);
        }
    }
}
