namespace Astrolabe;

/// <summary>
/// One fitted GP of a study (an objective or a constraint) kept between proposals. While the points only grow (the
/// earlier trials come first, in the same order, in the same space) and there are not many more than at the last
/// fit, the hyperparameters are kept and the new points are appended to the Cholesky factor in O(n²) each; the
/// targets, re-standardised every time, are swapped in O(n²). Below <see cref="RefitBelow"/> points, or once the
/// points have grown by <see cref="RefitGrowth"/> since the last fit, the hyperparameters are fitted again, starting
/// from the previous ones.
/// </summary>
internal sealed class GpModelCache
{
    /// <summary>Below this many points the hyperparameters are fitted for every proposal (a fit is cheap there).</summary>
    public const int RefitBelow = 64;

    /// <summary>The growth of the point count since the last fit that triggers a new one.</summary>
    public const double RefitGrowth = 1.1;

    private readonly List<long> ids = [];
    private GaussianProcess? model;
    private string? spaceKey;
    private int fittedAt;

    /// <summary>How many proposals fitted the hyperparameters (for tests and the cost bench).</summary>
    public int Fits { get; private set; }

    /// <summary>
    /// The model of these points (row-major), keyed by trial id, with these standardised targets; fitted again or
    /// extended as the class describes.
    /// </summary>
    public GaussianProcess Model(string space, IReadOnlyList<long> trialIds, double[] points, double[] targets, bool[] categorical, bool deterministic)
    {
        int n = trialIds.Count, d = categorical.Length;
        if (model is not null && spaceKey == space && n >= RefitBelow && n < fittedAt * RefitGrowth && IsPrefix(trialIds))
        {
            int known = ids.Count;
            model.SetTargets(targets.AsSpan(0, known));
            bool extended = true;
            for (int i = known; i < n && extended; i++)
            {
                extended = model.TryAdd(points.AsSpan(i * d, d), targets[i]);
                if (extended)
                {
                    ids.Add(trialIds[i]);
                }
            }

            if (extended)
            {
                return model;
            }
        }

        var previous = spaceKey == space ? model?.Kernel : null;
        model = GpFit.Fit(points, targets, categorical, previous, deterministic);
        spaceKey = space;
        ids.Clear();
        ids.AddRange(trialIds);
        fittedAt = n;
        Fits++;
        return model;
    }

    private bool IsPrefix(IReadOnlyList<long> trialIds)
    {
        if (ids.Count > trialIds.Count)
        {
            return false;
        }

        for (int i = 0; i < ids.Count; i++)
        {
            if (ids[i] != trialIds[i])
            {
                return false;
            }
        }

        return true;
    }
}
