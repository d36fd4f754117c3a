namespace Astrolabe;

/// <summary>
/// CMA-ES with a full covariance matrix and the active rank-μ update (negative weights for the worse half,
/// rescaled by the Mahalanobis norm as in the tutorial). C = B·D²·Bᵀ is decomposed after every update; an
/// eigenvalue below 1e-8 is floored. With learning-rate adaptation enabled the update is followed by
/// <see cref="LearningRateAdaptation"/>.
/// </summary>
internal sealed class FullCmaEvolution : CmaEvolution
{
    private const double Eps = 1e-8;
    private readonly double[] b;
    private readonly double[] d;

    public FullCmaEvolution(CmaState state)
        : base(state, CmaParameters.Full(state.Dim, state.Popsize))
    {
        b = new double[N * N];
        d = new double[N];
        Decompose();
    }

    /// <summary>C^−½ as a row-major matrix (for learning-rate adaptation).</summary>
    public double[] InverseSqrtC()
    {
        var r = new double[N * N];
        for (int i = 0; i < N; i++)
        {
            for (int j = 0; j < N; j++)
            {
                double sum = 0;
                for (int k = 0; k < N; k++)
                {
                    sum += b[(i * N) + k] * b[(j * N) + k] / d[k];
                }

                r[(i * N) + j] = sum;
            }
        }

        return r;
    }

    /// <summary>
    /// Recomputes B and D from C (symmetrised in place, an idempotent step); eigenvalues below 1e-8 are
    /// floored in D only, so the decomposition is a pure function of the stored state.
    /// </summary>
    public void Decompose()
    {
        var c = State.C;
        for (int i = 0; i < N; i++)
        {
            for (int j = i + 1; j < N; j++)
            {
                double avg = (c[(i * N) + j] + c[(j * N) + i]) / 2;
                c[(i * N) + j] = avg;
                c[(j * N) + i] = avg;
            }
        }

        var values = new double[N];
        SymmetricEigen.Decompose(c, N, values, b);
        for (int k = 0; k < N; k++)
        {
            d[k] = Math.Sqrt(Math.Max(values[k], Eps));
        }
    }

    protected override void ScaleBySqrtC(ReadOnlySpan<double> z, Span<double> y)
    {
        for (int i = 0; i < N; i++)
        {
            double sum = 0;
            for (int k = 0; k < N; k++)
            {
                sum += b[(i * N) + k] * d[k] * z[k];
            }

            y[i] = sum;
        }
    }

    protected override void ScaleByInverseSqrtC(ReadOnlySpan<double> y, Span<double> r)
    {
        Span<double> t = stackalloc double[N];
        for (int k = 0; k < N; k++)
        {
            double sum = 0;
            for (int i = 0; i < N; i++)
            {
                sum += b[(i * N) + k] * y[i];
            }

            t[k] = sum / d[k];
        }

        for (int i = 0; i < N; i++)
        {
            double sum = 0;
            for (int k = 0; k < N; k++)
            {
                sum += b[(i * N) + k] * t[k];
            }

            r[i] = sum;
        }
    }

    protected override void UpdateCovariance(double[][] ySorted, double decay)
    {
        var p = Parameters;
        var c = State.C;
        var pc = State.Pc;
        var whitened = new double[N];
        for (int i = 0; i < c.Length; i++)
        {
            c[i] *= decay;
        }

        for (int i = 0; i < N; i++)
        {
            for (int j = 0; j < N; j++)
            {
                c[(i * N) + j] += p.C1 * pc[i] * pc[j];
            }
        }

        for (int k = 0; k < ySorted.Length; k++)
        {
            double w = p.Weights[k];
            if (w < 0)
            {
                ScaleByInverseSqrtC(ySorted[k], whitened);
                w *= N / (whitened.Sum(v => v * v) + Eps);
            }

            var y = ySorted[k];
            for (int i = 0; i < N; i++)
            {
                double wy = p.Cmu * w * y[i];
                for (int j = 0; j < N; j++)
                {
                    c[(i * N) + j] += wy * y[j];
                }
            }
        }

        if (State.LrScalars is null)
        {
            Decompose();
        }
    }

    protected override double[] Diagonal() => Enumerable.Range(0, N).Select(i => State.C[(i * N) + i]).ToArray();

    protected override (double Max, double Min) EigenRange() => (d.Max(), d.Min());

    protected override bool NoEffectAxis(int i)
    {
        for (int k = 0; k < N; k++)
        {
            if (State.Mean[k] != State.Mean[k] + (0.1 * State.Sigma * d[i] * b[(k * N) + i]))
            {
                return false;
            }
        }

        return true;
    }

    protected override object? Snapshot() => State.LrScalars is null
        ? null
        : new LearningRateAdaptation.Before((double[])State.Mean.Clone(), State.Sigma, (double[])State.C.Clone(), InverseSqrtC());

    protected override void AfterTell(object? before)
    {
        if (before is LearningRateAdaptation.Before snapshot)
        {
            LearningRateAdaptation.Apply(State, snapshot);
            Decompose();
        }
    }
}
