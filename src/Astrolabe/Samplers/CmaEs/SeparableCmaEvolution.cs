namespace Astrolabe;

/// <summary>
/// Separable CMA-ES (Ros and Hansen 2008): the covariance is diagonal, so each generation costs O(n·λ) and
/// the covariance learning rates grow by (n + 2) / 3; only the μ best solutions get (positive) weights.
/// </summary>
internal sealed class SeparableCmaEvolution : CmaEvolution
{
    private const double Eps = 1e-8;

    public SeparableCmaEvolution(CmaState state)
        : base(state, CmaParameters.Separable(state.Dim, state.Popsize))
    {
    }

    private double D(int i) => State.C[i] < 0 ? Math.Sqrt(Eps) : Math.Sqrt(State.C[i]);

    protected override void ScaleBySqrtC(ReadOnlySpan<double> z, Span<double> y)
    {
        for (int i = 0; i < N; i++)
        {
            y[i] = D(i) * z[i];
        }
    }

    protected override void ScaleByInverseSqrtC(ReadOnlySpan<double> y, Span<double> r)
    {
        for (int i = 0; i < N; i++)
        {
            r[i] = y[i] / D(i);
        }
    }

    protected override void UpdateCovariance(double[][] ySorted, double decay)
    {
        var p = Parameters;
        var c = State.C;
        for (int i = 0; i < N; i++)
        {
            double rankMu = 0;
            for (int k = 0; k < ySorted.Length; k++)
            {
                rankMu += p.Weights[k] * ySorted[k][i] * ySorted[k][i];
            }

            c[i] = (decay * c[i]) + (p.C1 * State.Pc[i] * State.Pc[i]) + (p.Cmu * rankMu);
            c[i] = Math.Max(c[i], Eps);
        }
    }

    protected override double[] Diagonal() => (double[])State.C.Clone();

    protected override (double Max, double Min) EigenRange()
    {
        var d = Enumerable.Range(0, N).Select(D).ToArray();
        return (d.Max(), d.Min());
    }

    protected override bool NoEffectAxis(int i) => State.Mean[i] == State.Mean[i] + (0.1 * State.Sigma * D(i));
}
