namespace Astrolabe;

/// <summary>
/// Unimodal normal distribution crossover UNDX (Kita, Ono and Kobayashi 1999, Optuna's <c>UNDXCrossover</c>), from
/// three parents: the midpoint of the first two, plus a normal step along the line through them, plus normal steps
/// orthogonal to it scaled by the third parent's distance from that line. As Optuna, the normal draws have standard
/// deviations σ_ξ² and σ_η² (Optuna passes the squares as scales).
/// </summary>
public sealed class UndxCrossover : NsgaCrossover
{
    /// <summary>
    /// Creates the crossover; <paramref name="sigmaEta"/> null means 0.35 / √n for n coordinates (Optuna's default).
    /// Throws <see cref="ArgumentException"/> for a negative or non-finite σ.
    /// </summary>
    public UndxCrossover(double sigmaXi = 0.5, double? sigmaEta = null)
    {
        if (!double.IsFinite(sigmaXi) || sigmaXi < 0)
        {
            throw new ArgumentException("UNDX's sigmaXi must be a finite number ≥ 0.", nameof(sigmaXi));
        }

        if (sigmaEta is { } s && (!double.IsFinite(s) || s < 0))
        {
            throw new ArgumentException("UNDX's sigmaEta must be null or a finite number ≥ 0.", nameof(sigmaEta));
        }

        SigmaXi = sigmaXi;
        SigmaEta = sigmaEta;
    }

    /// <summary>σ_ξ, the spread along the line through the first two parents.</summary>
    public double SigmaXi { get; }

    /// <summary>σ_η, the spread orthogonal to it; null for 0.35 / √n.</summary>
    public double? SigmaEta { get; }

    /// <inheritdoc />
    public override int ParentCount => 3;

    /// <inheritdoc />
    public override double[] Cross(IReadOnlyList<double[]> parents, IReadOnlyList<double> low, IReadOnlyList<double> high, bool multiObjective, Random rng)
    {
        ArgumentNullException.ThrowIfNull(parents);
        ArgumentNullException.ThrowIfNull(rng);
        double[] x1 = parents[0], x2 = parents[1], x3 = parents[2];
        int n = x1.Length;
        double sigmaEta = SigmaEta ?? (0.35 / Math.Sqrt(n));
        var etas = new double[n];
        for (int i = 0; i < n; i++)
        {
            etas[i] = sigmaEta * sigmaEta * StandardNormal(rng);
        }

        double xi = SigmaXi * SigmaXi * StandardNormal(rng);
        var child = new double[n];
        for (int i = 0; i < n; i++)
        {
            child[i] = (0.5 * (x1[i] + x2[i])) + (xi * (x1[i] - x2[i]));
        }

        if (n == 1)
        {
            return child;
        }

        var line = Direction(x1, x2);
        double distance = DistanceFromLine(x1, x3, line);
        var basis = OrthogonalBasis(line);
        for (int k = 0; k < basis.Count; k++)
        {
            for (int i = 0; i < n; i++)
            {
                child[i] += distance * etas[k] * basis[k][i];
            }
        }

        return child;
    }

    /// <summary>The unit vector from x1 to x2 (zero when they coincide).</summary>
    private static double[] Direction(double[] x1, double[] x2)
    {
        var v = new double[x1.Length];
        double norm = 0;
        for (int i = 0; i < v.Length; i++)
        {
            v[i] = x2[i] - x1[i];
            norm += v[i] * v[i];
        }

        norm = Math.Max(Math.Sqrt(norm), 1e-10);
        for (int i = 0; i < v.Length; i++)
        {
            v[i] /= norm;
        }

        return v;
    }

    /// <summary>The distance of x3 from the line through x1 along <paramref name="line"/>.</summary>
    private static double DistanceFromLine(double[] x1, double[] x3, double[] line)
    {
        var v = new double[x1.Length];
        double along = 0;
        for (int i = 0; i < v.Length; i++)
        {
            v[i] = x3[i] - x1[i];
            along += v[i] * line[i];
        }

        double sum = 0;
        for (int i = 0; i < v.Length; i++)
        {
            double r = v[i] - (along * line[i]);
            sum += r * r;
        }

        return Math.Sqrt(sum);
    }

    /// <summary>
    /// n − 1 orthonormal vectors orthogonal to <paramref name="line"/> (Gram–Schmidt of the line, then the unit
    /// axes in order, skipping those already spanned; Optuna takes the same span by a QR decomposition).
    /// </summary>
    private static List<double[]> OrthogonalBasis(double[] line)
    {
        int n = line.Length;
        var kept = new List<double[]>(n);
        bool hasLine = line.Any(v => v != 0);
        if (hasLine)
        {
            kept.Add(line);
        }

        int wanted = hasLine ? n : n - 1;
        for (int axis = hasLine ? 0 : 1; axis < n && kept.Count < wanted; axis++)
        {
            var v = new double[n];
            v[axis] = 1;
            foreach (var q in kept)
            {
                double dot = 0;
                for (int i = 0; i < n; i++)
                {
                    dot += v[i] * q[i];
                }

                for (int i = 0; i < n; i++)
                {
                    v[i] -= dot * q[i];
                }
            }

            double norm = Math.Sqrt(v.Sum(x => x * x));
            if (norm > 1e-8)
            {
                for (int i = 0; i < n; i++)
                {
                    v[i] /= norm;
                }

                kept.Add(v);
            }
        }

        return hasLine ? kept.GetRange(1, kept.Count - 1) : kept;
    }

    private static double StandardNormal(Random rng)
    {
        double u1 = 1.0 - rng.NextDouble();
        double u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
