namespace Astrolabe;

/// <summary>
/// One CMA-ES run over a <see cref="CmaState"/>, with the ask-and-tell steps of Hansen's tutorial (2016):
/// sampling x = m + σ·C^½·z, the weighted recombination of the mean, cumulative step-size adaptation, and a
/// covariance update that the full and separable variants implement. Termination tests are those of the
/// cmaes library (flat fitness, tolerance on x, divergence, no effect of axis or coordinate, condition number).
/// </summary>
internal abstract class CmaEvolution
{
    private const double MaxSigma = 1e32;

    protected CmaEvolution(CmaState state, CmaParameters parameters)
    {
        State = state;
        Parameters = parameters;
    }

    public CmaState State { get; }

    public CmaParameters Parameters { get; }

    protected int N => State.Dim;

    /// <summary>The variant that matches the state.</summary>
    public static CmaEvolution For(CmaState state) =>
        state.Separable ? new SeparableCmaEvolution(state) : new FullCmaEvolution(state);

    /// <summary>Draws x ~ N(m, σ²C) with standard normals from <paramref name="rng"/>.</summary>
    public double[] Sample(Random rng)
    {
        var z = new double[N];
        for (int i = 0; i < N; i++)
        {
            z[i] = StandardNormal(rng);
        }

        var y = new double[N];
        ScaleBySqrtC(z, y);
        for (int i = 0; i < N; i++)
        {
            y[i] = State.Mean[i] + (State.Sigma * y[i]);
        }

        return y;
    }

    /// <summary>Updates the distribution with one generation of (x, value) pairs (lower is better), exactly popsize of them.</summary>
    public void Tell(IReadOnlyList<(double[] X, double Value)> solutions)
    {
        var s = State;
        var p = Parameters;
        var sorted = solutions.OrderBy(t => t.Value).ToArray();
        s.Generation++;
        int term = s.FunHist.Length / 2;
        int slot = 2 * (s.Generation % term);
        s.FunHist[slot] = sorted[0].Value;
        s.FunHist[slot + 1] = sorted[^1].Value;

        var y = sorted.Select(t => t.X.Select((x, i) => (x - s.Mean[i]) / s.Sigma).ToArray()).ToArray();
        var yw = new double[N];
        for (int k = 0; k < p.Mu; k++)
        {
            for (int i = 0; i < N; i++)
            {
                yw[i] += p.Weights[k] * y[k][i];
            }
        }

        var before = Snapshot();
        for (int i = 0; i < N; i++)
        {
            s.Mean[i] += s.Sigma * yw[i];
        }

        var whitened = new double[N];
        ScaleByInverseSqrtC(yw, whitened);
        double cs = p.CSigma, psScale = Math.Sqrt(cs * (2 - cs) * p.MuEff);
        double psNorm2 = 0;
        for (int i = 0; i < N; i++)
        {
            s.Ps[i] = ((1 - cs) * s.Ps[i]) + (psScale * whitened[i]);
            psNorm2 += s.Ps[i] * s.Ps[i];
        }

        double psNorm = Math.Sqrt(psNorm2);
        s.Sigma = Math.Min(s.Sigma * Math.Exp(cs / p.DSigma * ((psNorm / p.ChiN) - 1)), MaxSigma);
        double left = psNorm / Math.Sqrt(1 - Math.Pow(1 - cs, 2 * (s.Generation + 1)));
        double hSigma = left < (1.4 + (2.0 / (N + 1))) * p.ChiN ? 1 : 0;
        double pcScale = hSigma * Math.Sqrt(p.Cc * (2 - p.Cc) * p.MuEff);
        for (int i = 0; i < N; i++)
        {
            s.Pc[i] = ((1 - p.Cc) * s.Pc[i]) + (pcScale * yw[i]);
        }

        double deltaHSigma = (1 - hSigma) * p.Cc * (2 - p.Cc);
        UpdateCovariance(y, (1 + (p.C1 * deltaHSigma) - p.C1 - (p.Cmu * p.WeightSum)));
        AfterTell(before);
    }

    /// <summary>Whether the run has converged or stalled and should be restarted.</summary>
    public bool ShouldStop()
    {
        var s = State;
        int term = s.FunHist.Length / 2;
        if (s.Generation > term && s.FunHist.Max() - s.FunHist.Min() < 1e-12)
        {
            return true;
        }

        // TolX as in Hansen's tutorial: every coordinate's standard deviation σ·√C_ii (the cmaes package compares
        // σ·C_ii, which stops a run whose C has shrunk below 1 while it is still improving) and every σ·p_c below it.
        double tolX = 1e-12 * s.Sigma0;
        var diag = Diagonal();
        if (diag.All(c => s.Sigma * Math.Sqrt(c) < tolX) && s.Pc.All(v => Math.Abs(s.Sigma * v) < tolX))
        {
            return true;
        }

        var (dMax, dMin) = EigenRange();
        if (s.Sigma * dMax > 1e4 || dMax / dMin > 1e14)
        {
            return true;
        }

        for (int i = 0; i < N; i++)
        {
            if (s.Mean[i] == s.Mean[i] + (0.2 * s.Sigma * Math.Sqrt(diag[i])))
            {
                return true;
            }
        }

        return NoEffectAxis(s.Generation % N);
    }

    /// <summary>y = C^½ z.</summary>
    protected abstract void ScaleBySqrtC(ReadOnlySpan<double> z, Span<double> y);

    /// <summary>r = C^−½ y.</summary>
    protected abstract void ScaleByInverseSqrtC(ReadOnlySpan<double> y, Span<double> r);

    /// <summary>C ← decay·C + c1·pc·pcᵀ + cμ·Σ wᵢ yᵢyᵢᵀ, then refreshes the decomposition.</summary>
    protected abstract void UpdateCovariance(double[][] ySorted, double decay);

    /// <summary>The diagonal of C.</summary>
    protected abstract double[] Diagonal();

    /// <summary>The largest and smallest square roots of the eigenvalues of C.</summary>
    protected abstract (double Max, double Min) EigenRange();

    /// <summary>Whether adding 0.1σ times the i-th principal axis leaves the mean unchanged.</summary>
    protected abstract bool NoEffectAxis(int i);

    /// <summary>What the post-update step (learning-rate adaptation) needs of the state before the update; null when unused.</summary>
    protected virtual object? Snapshot() => null;

    /// <summary>Runs after the standard update.</summary>
    protected virtual void AfterTell(object? before)
    {
    }

    private static double StandardNormal(Random rng)
    {
        double u1 = 1.0 - rng.NextDouble();
        double u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
