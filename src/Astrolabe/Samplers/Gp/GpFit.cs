namespace Astrolabe;

/// <summary>
/// Fits a <see cref="GaussianProcess"/>'s hyperparameters by maximum a posteriori, as Optuna's GPSampler does: the
/// parameters are optimised as logarithms (the noise as log(noise − minimum)), the objective is the log marginal
/// likelihood plus Optuna's log prior — −Σ(0.1/λ + 0.1λ) on the inverse squared length scales, Gamma(2, 1) on the
/// scale, Gamma(1.1, 30) on the noise — and L-BFGS (gradient tolerance 10⁻²) starts from the previous fit when there
/// is one, falling back to the default start when that fails. With a deterministic objective the noise stays at its
/// minimum. The gradient is exact: ½ tr((ααᵀ − K⁻¹) ∂K/∂θ) plus the prior's.
/// </summary>
internal static class GpFit
{
    private const double GradientTolerance = 1e-2;
    private const int MaxIterations = 200;

    /// <summary>
    /// The fitted model for n points (row-major in <paramref name="points"/>) and standardised targets. Never throws
    /// for numerical reasons: when no fit succeeds, the default hyperparameters with growing noise are used.
    /// </summary>
    public static GaussianProcess Fit(double[] points, double[] targets, bool[] categorical, GpKernelParams? previous, bool deterministic)
    {
        int d = categorical.Length;
        foreach (var start in Starts(previous, d, deterministic))
        {
            var raw = ToRaw(start, deterministic);
            double loss = BoundedLbfgs.Minimize((theta, gradient) => Loss(theta, gradient, points, targets, categorical, deterministic), raw, null, null, GradientTolerance, MaxIterations);
            if (double.IsFinite(loss))
            {
                var kernel = FromRaw(raw, d, deterministic);
                if (Build(points, targets, categorical, kernel) is { } model)
                {
                    return model;
                }
            }
        }

        // Degenerate data (e.g. many duplicates of noiseless points): more noise until the matrix factors.
        for (double noise = 1e-4; ; noise *= 10)
        {
            var fallback = GpKernelParams.Default(d, deterministic) with { NoiseVar = noise };
            if (Build(points, targets, categorical, fallback) is { } model)
            {
                return model;
            }
        }
    }

    /// <summary>The model with fixed hyperparameters, or null when its kernel matrix does not factor.</summary>
    public static GaussianProcess? Build(double[] points, double[] targets, bool[] categorical, GpKernelParams kernel)
    {
        int n = targets.Length;
        var k = GaussianProcess.KernelMatrix(points, n, categorical, kernel, null);
        return CholeskyFactor.TryDecompose(k, n, extraCapacity: 8) is { } factor
            ? new GaussianProcess(points, targets, categorical, kernel, factor)
            : null;
    }

    private static IEnumerable<GpKernelParams> Starts(GpKernelParams? previous, int d, bool deterministic)
    {
        if (previous is not null && previous.InverseSquaredLengthscales.Length == d)
        {
            yield return deterministic ? previous with { NoiseVar = GaussianProcess.MinimumNoiseVar } : previous;
        }

        yield return GpKernelParams.Default(d, deterministic);
    }

    private static double[] ToRaw(GpKernelParams p, bool deterministic)
    {
        int d = p.InverseSquaredLengthscales.Length;
        var raw = new double[d + (deterministic ? 1 : 2)];
        for (int i = 0; i < d; i++)
        {
            raw[i] = Math.Log(p.InverseSquaredLengthscales[i]);
        }

        raw[d] = Math.Log(p.Scale);
        if (!deterministic)
        {
            raw[d + 1] = Math.Log(Math.Max(p.NoiseVar - GaussianProcess.MinimumNoiseVar, 1e-12));
        }

        return raw;
    }

    private static GpKernelParams FromRaw(double[] raw, int d, bool deterministic)
    {
        var lambda = new double[d];
        for (int i = 0; i < d; i++)
        {
            lambda[i] = Math.Exp(raw[i]);
        }

        double noise = deterministic ? GaussianProcess.MinimumNoiseVar : GaussianProcess.MinimumNoiseVar + Math.Exp(raw[d + 1]);
        return new GpKernelParams(lambda, Math.Exp(raw[d]), noise);
    }

    /// <summary>−(log marginal likelihood + log prior) at the raw parameters, and its gradient.</summary>
    internal static double Loss(double[] raw, double[] gradient, double[] points, double[] targets, bool[] categorical, bool deterministic)
    {
        int n = targets.Length, d = categorical.Length;
        for (int i = 0; i < raw.Length; i++)
        {
            if (!double.IsFinite(raw[i]) || Math.Abs(raw[i]) > 50)
            {
                return double.NaN;
            }
        }

        var p = FromRaw(raw, d, deterministic);
        var dk = new double[n * n];
        var k = GaussianProcess.KernelMatrix(points, n, categorical, p, dk);
        if (CholeskyFactor.TryDecompose(k, n) is not { } factor)
        {
            return double.NaN;
        }

        var alpha = (double[])targets.Clone();
        factor.Solve(alpha);
        double fit = 0;
        for (int i = 0; i < n; i++)
        {
            fit += targets[i] * alpha[i];
        }

        double logLikelihood = (-0.5 * fit) - factor.HalfLogDeterminant() - (0.5 * n * Math.Log(2 * Math.PI));
        var inverse = factor.Inverse();

        // W = ααᵀ − K⁻¹; ∂ log L / ∂θ = ½ Σᵢⱼ Wᵢⱼ ∂Kᵢⱼ/∂θ.
        Array.Clear(gradient);
        var dLambda = new double[d];
        double dScale = 0, dNoise = 0;
        for (int i = 0; i < n; i++)
        {
            double wii = (alpha[i] * alpha[i]) - inverse[(i * n) + i];
            dScale += 0.5 * wii * (k[(i * n) + i] - p.NoiseVar) / p.Scale;
            dNoise += 0.5 * wii;
            var xi = points.AsSpan(i * d, d);
            for (int j = 0; j < i; j++)
            {
                double w = (alpha[i] * alpha[j]) - inverse[(i * n) + j];
                dScale += w * k[(i * n) + j] / p.Scale;
                double wg = w * dk[(i * n) + j];
                var xj = points.AsSpan(j * d, d);
                for (int c = 0; c < d; c++)
                {
                    double diff = xi[c] - xj[c];
                    dLambda[c] += wg * (categorical[c] ? (diff != 0 ? 1 : 0) : diff * diff);
                }
            }
        }

        // Log prior (Optuna's default_log_prior) and its derivatives, then the chain rule to the raw parameters.
        double logPrior = 0;
        for (int c = 0; c < d; c++)
        {
            double l = p.InverseSquaredLengthscales[c];
            logPrior -= (0.1 / l) + (0.1 * l);
            gradient[c] = -(dLambda[c] + (0.1 / (l * l)) - 0.1) * l;
        }

        logPrior += Math.Log(p.Scale) - p.Scale;
        gradient[d] = -(dScale + (1 / p.Scale) - 1) * p.Scale;
        logPrior += (0.1 * Math.Log(p.NoiseVar)) - (30 * p.NoiseVar);
        if (!deterministic)
        {
            gradient[d + 1] = -(dNoise + (0.1 / p.NoiseVar) - 30) * (p.NoiseVar - GaussianProcess.MinimumNoiseVar);
        }

        return -(logLikelihood + logPrior);
    }
}
