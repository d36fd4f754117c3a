namespace Astrolabe;

/// <summary>
/// The functional ANOVA of one regression tree over a box of the features (Hutter, Hoos and Leyton-Brown, "An
/// efficient approach for assessing hyperparameter importance", ICML 2014), exact over the tree's partition as
/// Optuna's <c>_FanovaTree</c>: the tree is a piecewise-constant function on the box, each leaf weighted by its volume.
/// <see cref="Variance"/> is its total variance over the box; <see cref="MarginalVariance"/> the variance of its
/// marginal over a group of features (the mean over all other features, as a function of the group), which is
/// constant on the cells the tree's own thresholds on the group cut, and is computed on those cells in one pass over
/// the tree: a subtree that never splits on the group adds its mean, weighted by its volume in the other features,
/// to every cell its box covers (a difference array along the group's last feature).
/// </summary>
internal sealed class FanovaTree
{
    // The most cells one parameter's marginal is computed on (a categorical parameter's cells multiply per choice).
    private const int MaxCells = 1 << 22;

    private readonly RegressionTree tree;
    private readonly double[] low;
    private readonly double[] high;
    private readonly double[] volume;
    private readonly double[] mean;

    public FanovaTree(RegressionTree tree, double[] low, double[] high)
    {
        this.tree = tree;
        this.low = low;
        this.high = high;
        volume = new double[tree.Count];
        mean = new double[tree.Count];
        double[] boxLow = [.. low], boxHigh = [.. high];
        Volumes(0, 1.0, boxLow, boxHigh);

        // Children come after their parent: a backward pass averages each inner node's children by volume.
        for (int node = tree.Count - 1; node >= 0; node--)
        {
            if (tree.Feature[node] < 0)
            {
                mean[node] = tree.Value[node];
            }
            else
            {
                int l = tree.Left[node], r = tree.Right[node];
                double v = volume[l] + volume[r];
                mean[node] = v > 0 ? ((volume[l] * mean[l]) + (volume[r] * mean[r])) / v : (mean[l] + mean[r]) / 2;
            }
        }

        double variance = 0;
        for (int node = 0; node < tree.Count; node++)
        {
            if (tree.Feature[node] < 0)
            {
                double d = tree.Value[node] - mean[0];
                variance += volume[node] * d * d;
            }
        }

        Variance = variance; // the volumes are fractions of the box: they sum to 1
    }

    /// <summary>The variance of the tree's prediction over the whole box.</summary>
    public double Variance { get; }

    /// <summary>The variance of the tree's marginal over the features <paramref name="group"/> (never negative).</summary>
    public double MarginalVariance(int[] group)
    {
        int g = group.Length;
        var inGroup = new int[low.Length];
        Array.Fill(inGroup, -1);
        for (int k = 0; k < g; k++)
        {
            inGroup[group[k]] = k;
        }

        var edges = new double[g][];
        for (int k = 0; k < g; k++)
        {
            edges[k] = Edges(group[k]);
        }

        if (edges.All(e => e.Length == 2))
        {
            return 0;
        }

        var splits = SplitsGroup(inGroup);
        var counts = edges.Select(e => e.Length - 1).ToArray();
        long product = 1;
        foreach (int c in counts)
        {
            product *= c;
            if (product > MaxCells)
            {
                throw new ArgumentException($"fANOVA would need more than {MaxCells} cells for a parameter of {g} one-hot features; use the ped-anova or mdi method for it.");
            }
        }

        int cells = (int)product;

        // Difference arrays along the group's last feature: one row of last + 1 slots per cell of the other features.
        int last = counts[^1], stride = last + 1, rows = cells / last;
        var sum = new double[rows * stride];
        var weight = new double[rows * stride];
        var from = new int[g];
        var to = counts.ToArray();
        var index = new int[g];
        Accumulate(0, inGroup, splits, edges, from, to, counts, index, sum, weight);
        for (int row = 0; row < rows; row++)
        {
            for (int c = (row * stride) + 1; c < (row * stride) + last; c++)
            {
                sum[c] += sum[c - 1];
                weight[c] += weight[c - 1];
            }
        }

        // Each cell's marginal mean, weighted by the cell's size.
        var size = new double[cells];
        var value = new double[cells];
        double total = 0, average = 0;
        Array.Clear(index);
        for (int cell = 0; cell < cells; cell++)
        {
            double s = 1;
            for (int k = 0; k < g; k++)
            {
                s *= (edges[k][index[k] + 1] - edges[k][index[k]]) / (high[group[k]] - low[group[k]]);
            }

            int slot = ((cell / last) * stride) + (cell % last);
            size[cell] = s;
            value[cell] = weight[slot] > 0 ? sum[slot] / weight[slot] : 0;
            total += s;
            average += s * value[cell];
            for (int k = g - 1; k >= 0 && ++index[k] == counts[k]; k--)
            {
                index[k] = 0;
            }
        }

        average /= total;
        double variance = 0;
        for (int cell = 0; cell < cells; cell++)
        {
            double d = value[cell] - average;
            variance += size[cell] * d * d;
        }

        return Math.Max(0, variance / total);
    }

    private void Volumes(int node, double v, double[] boxLow, double[] boxHigh)
    {
        volume[node] = v;
        int f = tree.Feature[node];
        if (f < 0)
        {
            return;
        }

        double t = tree.Threshold[node], lo = boxLow[f], hi = boxHigh[f];
        double width = hi - lo;
        boxHigh[f] = t;
        Volumes(tree.Left[node], width > 0 ? v * (t - lo) / width : 0, boxLow, boxHigh);
        boxHigh[f] = hi;
        boxLow[f] = t;
        Volumes(tree.Right[node], width > 0 ? v * (hi - t) / width : 0, boxLow, boxHigh);
        boxLow[f] = lo;
    }

    // The feature's bounds and the distinct thresholds the tree splits it at, ascending.
    private double[] Edges(int feature)
    {
        var values = new SortedSet<double> { low[feature], high[feature] };
        for (int node = 0; node < tree.Count; node++)
        {
            if (tree.Feature[node] == feature)
            {
                values.Add(tree.Threshold[node]);
            }
        }

        return [.. values];
    }

    // Whether each node's subtree splits on a feature of the group.
    private bool[] SplitsGroup(int[] inGroup)
    {
        var splits = new bool[tree.Count];
        for (int node = tree.Count - 1; node >= 0; node--)
        {
            int f = tree.Feature[node];
            splits[node] = f >= 0 && (inGroup[f] >= 0 || splits[tree.Left[node]] || splits[tree.Right[node]]);
        }

        return splits;
    }

    // from/to: the node's box in the group, as ranges of cell indices per feature of the group.
    private void Accumulate(int node, int[] inGroup, bool[] splits, double[][] edges, int[] from, int[] to, int[] counts, int[] index, double[] sum, double[] weight)
    {
        int f = tree.Feature[node];
        if (!splits[node])
        {
            double widths = 1;
            for (int k = 0; k < from.Length; k++)
            {
                var e = edges[k];
                widths *= (e[to[k]] - e[from[k]]) / (e[^1] - e[0]);
            }

            double other = widths > 0 ? volume[node] / widths : 0;
            AddToBox(other * mean[node], other, from, to, counts, index, sum, weight);
            return;
        }

        int k2 = inGroup[f];
        if (k2 < 0)
        {
            Accumulate(tree.Left[node], inGroup, splits, edges, from, to, counts, index, sum, weight);
            Accumulate(tree.Right[node], inGroup, splits, edges, from, to, counts, index, sum, weight);
            return;
        }

        int cut = Array.BinarySearch(edges[k2], tree.Threshold[node]);
        int oldFrom = from[k2], oldTo = to[k2];
        to[k2] = cut;
        Accumulate(tree.Left[node], inGroup, splits, edges, from, to, counts, index, sum, weight);
        to[k2] = oldTo;
        from[k2] = cut;
        Accumulate(tree.Right[node], inGroup, splits, edges, from, to, counts, index, sum, weight);
        from[k2] = oldFrom;
    }

    // Adds (s, w) to every cell of the box: a difference-array update along the last feature, per row of the others.
    private static void AddToBox(double s, double w, int[] from, int[] to, int[] counts, int[] index, double[] sum, double[] weight)
    {
        int g = from.Length, stride = counts[g - 1] + 1;
        for (int k = 0; k < g - 1; k++)
        {
            index[k] = from[k];
        }

        while (true)
        {
            int row = 0;
            for (int k = 0; k < g - 1; k++)
            {
                row = (row * counts[k]) + index[k];
            }

            row *= stride;
            sum[row + from[g - 1]] += s;
            weight[row + from[g - 1]] += w;
            sum[row + to[g - 1]] -= s;
            weight[row + to[g - 1]] -= w;
            int j = g - 2;
            while (j >= 0 && ++index[j] == to[j])
            {
                index[j] = from[j];
                j--;
            }

            if (j < 0)
            {
                return;
            }
        }
    }
}
