namespace Astrolabe;

/// <summary>
/// The tree of define-by-run paths that trials took: a node names the parameter chosen next and has a
/// child per value seen; a trial's path ends in a leaf. A value never seen counts as one unexplored leaf.
/// </summary>
internal sealed class SearchTree
{
    private readonly Dictionary<double, SearchTree> children = [];
    private string? parameter;
    private IReadOnlyList<double>? candidates;
    private bool isLeaf;

    /// <summary>Builds the tree of the trials that agree with <paramref name="prefix"/>, from after those parameters.</summary>
    public static SearchTree Build(IEnumerable<FrozenTrial> trials, IReadOnlyDictionary<string, double> prefix)
    {
        var root = new SearchTree();
        foreach (var t in trials)
        {
            if (prefix.All(p => t.InternalParams.TryGetValue(p.Key, out double v) && v == p.Value))
            {
                root.Add(t, t.InternalParams.Where(p => !prefix.ContainsKey(p.Key)).ToList());
            }
        }

        return root;
    }

    /// <summary>Declares which parameter this node chooses, with all its candidate values.</summary>
    public void Expand(string name, IReadOnlyList<double> values)
    {
        if (parameter is not null && parameter != name)
        {
            throw new InvalidOperationException(
                $"The search space is not a tree: after the same choices one trial asked for '{parameter}' and another for '{name}'.");
        }

        parameter = name;
        candidates = values;
    }

    /// <summary>Unexplored leaves below the child for a value of this node's parameter.</summary>
    public int UnexploredBelow(double value) => children.TryGetValue(value, out var child) ? child.Unexplored() : 1;

    /// <summary>Unexplored leaves below this node.</summary>
    public int Unexplored()
    {
        if (isLeaf)
        {
            return 0;
        }

        if (parameter is null || candidates is null)
        {
            return 1;
        }

        return candidates.Sum(UnexploredBelow);
    }

    private void Add(FrozenTrial trial, List<KeyValuePair<string, double>> path)
    {
        var node = this;
        foreach (var (name, value) in path)
        {
            node.Expand(name, FiniteValues.Internal(name, trial.Distributions[name]));
            if (!node.children.TryGetValue(value, out var child))
            {
                child = new SearchTree();
                node.children[value] = child;
            }

            node = child;
        }

        node.isLeaf = true;
    }
}
