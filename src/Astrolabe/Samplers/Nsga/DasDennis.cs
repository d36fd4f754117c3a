namespace Astrolabe;

/// <summary>
/// Das and Dennis's structured reference points for NSGA-III: every vector of m non-negative integers summing to p,
/// as Optuna generates them (the points are not divided by p: only the directions of the reference lines matter).
/// </summary>
internal static class DasDennis
{
    /// <summary>The C(m + p − 1, p) points for <paramref name="objectives"/> = m and <paramref name="divisions"/> = p, in Optuna's order.</summary>
    public static double[][] Points(int objectives, int divisions)
    {
        var result = new List<double[]>();
        var current = new int[divisions];

        // combinations_with_replacement(range(m), p): non-decreasing index tuples, each adds 1 on its axis.
        void Visit(int position, int start)
        {
            if (position == divisions)
            {
                var point = new double[objectives];
                foreach (int axis in current)
                {
                    point[axis]++;
                }

                result.Add(point);
                return;
            }

            for (int axis = start; axis < objectives; axis++)
            {
                current[position] = axis;
                Visit(position + 1, axis);
            }
        }

        Visit(0, 0);
        return [.. result];
    }
}
