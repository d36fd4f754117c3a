using System.Numerics.Tensors;

namespace Astrolabe;

/// <summary>
/// A Gaussian-process regression model over points in [0, 1]ᵈ (categorical dimensions hold category indices), with
/// the Matérn-5/2 ARD kernel (<see cref="MaternKernel"/>) and Gaussian noise, as Optuna's GPSampler builds it. The
/// targets are expected standardised (mean 0, variance 1). Hyperparameters are fitted by maximum a posteriori
/// (<see cref="GpFit"/>); afterwards points are added in O(n²) by extending the Cholesky factor
/// (<see cref="TryAdd"/>). The posterior is that of the latent function (no noise in the predictive variance).
/// </summary>
internal sealed class GaussianProcess
{
    /// <summary>The smallest noise variance (Optuna's), which also keeps the kernel matrix well conditioned.</summary>
    public const double MinimumNoiseVar = 1e-6;

    private const double MinimumVariance = 1e-10;
    private readonly List<double> x;
    private readonly List<double> y;
    private readonly CholeskyFactor factor;
    private double[] alpha;

    public GaussianProcess(double[] points, double[] targets, bool[] categorical, GpKernelParams kernel, CholeskyFactor factor)
    {
        Dimensions = categorical.Length;
        Categorical = categorical;
        Kernel = kernel;
        x = [.. points];
        y = [.. targets];
        this.factor = factor;
        alpha = Alpha();
    }

    /// <summary>d, the number of dimensions.</summary>
    public int Dimensions { get; }

    /// <summary>Which dimensions are categorical (Hamming distance).</summary>
    public bool[] Categorical { get; }

    /// <summary>The fitted hyperparameters.</summary>
    public GpKernelParams Kernel { get; }

    /// <summary>How many points the model holds.</summary>
    public int Count => y.Count;

    /// <summary>The points, row-major (n × d).</summary>
    public ReadOnlySpan<double> Points => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(x);

    /// <summary>
    /// The kernel matrix of <paramref name="points"/> with the noise on its diagonal (n × n, row-major) and, when
    /// <paramref name="derivatives"/> is given, d k / d r² (times the scale) for every pair.
    /// </summary>
    public static double[] KernelMatrix(ReadOnlySpan<double> points, int n, bool[] categorical, GpKernelParams kernel, double[]? derivatives)
    {
        int d = categorical.Length;
        var k = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            var xi = points.Slice(i * d, d);
            for (int j = 0; j < i; j++)
            {
                double r2 = MaternKernel.SquaredDistance(xi, points.Slice(j * d, d), kernel.InverseSquaredLengthscales, categorical);
                var (value, derivative) = MaternKernel.ValueAndDerivative(r2);
                k[(i * n) + j] = k[(j * n) + i] = kernel.Scale * value;
                if (derivatives is not null)
                {
                    derivatives[(i * n) + j] = derivatives[(j * n) + i] = kernel.Scale * derivative;
                }
            }

            k[(i * n) + i] = kernel.Scale + kernel.NoiseVar;
            if (derivatives is not null)
            {
                derivatives[(i * n) + i] = kernel.Scale * MaternKernel.DerivativeBySquaredDistance(0);
            }
        }

        return k;
    }

    /// <summary>A copy that can take in points (a believer's pending trials) without changing this model.</summary>
    public GaussianProcess Clone() => new(Points.ToArray(), [.. y], Categorical, Kernel, factor.Clone());

    /// <summary>
    /// Takes in one more point with its target, keeping the hyperparameters (O(n²)); false, changing nothing, when
    /// the extended kernel matrix is not numerically positive definite (a duplicate of a noiseless point).
    /// </summary>
    public bool TryAdd(ReadOnlySpan<double> point, double target)
    {
        int n = Count;
        var cross = new double[n];
        for (int i = 0; i < n; i++)
        {
            cross[i] = Kernel.Scale * MaternKernel.Value(MaternKernel.SquaredDistance(point, Points.Slice(i * Dimensions, Dimensions), Kernel.InverseSquaredLengthscales, Categorical));
        }

        if (!factor.TryAppend(cross, Kernel.Scale + Kernel.NoiseVar))
        {
            return false;
        }

        foreach (double v in point)
        {
            x.Add(v);
        }

        y.Add(target);
        alpha = Alpha();
        return true;
    }

    /// <summary>Replaces the targets (same points, same order), e.g. after a new standardisation; O(n²).</summary>
    public void SetTargets(ReadOnlySpan<double> targets)
    {
        for (int i = 0; i < targets.Length; i++)
        {
            y[i] = targets[i];
        }

        alpha = Alpha();
    }

    /// <summary>
    /// The posterior mean and variance at <paramref name="m"/> points given column-wise: <paramref name="columns"/>
    /// holds d rows of m values (row k is dimension k of every point), so the work runs over points, vectorised.
    /// </summary>
    public void Posterior(ReadOnlySpan<double> columns, int m, Span<double> mean, Span<double> variance)
    {
        int n = Count, d = Dimensions;
        var cross = new double[n * m];
        var r2 = new double[m];
        var diff = new double[m];
        var points = Points;
        var lambda = Kernel.InverseSquaredLengthscales;
        for (int i = 0; i < n; i++)
        {
            Array.Clear(r2);
            for (int k = 0; k < d; k++)
            {
                var column = columns.Slice(k * m, m);
                double xk = points[(i * d) + k];
                if (Categorical[k])
                {
                    for (int j = 0; j < m; j++)
                    {
                        r2[j] += column[j] != xk ? lambda[k] : 0;
                    }
                }
                else
                {
                    TensorPrimitives.Subtract(column, xk, diff);
                    TensorPrimitives.Multiply(diff, diff, diff);
                    TensorPrimitives.MultiplyAdd(diff, lambda[k], r2, r2);
                }
            }

            MaternRow(r2, cross.AsSpan(i * m, m), Kernel.Scale);
        }

        mean.Clear();
        for (int i = 0; i < n; i++)
        {
            TensorPrimitives.MultiplyAdd(cross.AsSpan(i * m, m), alpha[i], mean, mean);
        }

        factor.SolveLowerMany(cross, m);
        variance.Fill(Kernel.Scale);
        for (int i = 0; i < n; i++)
        {
            var v = cross.AsSpan(i * m, m);
            TensorPrimitives.Multiply(v, v, v);
            TensorPrimitives.Subtract(variance, v, variance);
        }

        TensorPrimitives.Max(variance, MinimumVariance, variance);
    }

    /// <summary>
    /// The posterior mean and variance at one point and their gradients with respect to its numeric coordinates
    /// (categorical entries of the gradients are 0).
    /// </summary>
    public (double Mean, double Variance) PosteriorWithGradient(ReadOnlySpan<double> point, Span<double> meanGradient, Span<double> varianceGradient)
    {
        int n = Count, d = Dimensions;
        var points = Points;
        var k = new double[n];
        var dk = new double[n];
        var lambda = Kernel.InverseSquaredLengthscales;
        double mean = 0;
        for (int i = 0; i < n; i++)
        {
            var (value, derivative) = MaternKernel.ValueAndDerivative(MaternKernel.SquaredDistance(point, points.Slice(i * d, d), lambda, Categorical));
            k[i] = Kernel.Scale * value;
            dk[i] = Kernel.Scale * derivative;
            mean += alpha[i] * k[i];
        }

        var v = (double[])k.Clone();
        factor.SolveLower(v);
        double variance = Kernel.Scale - TensorPrimitives.Dot<double>(v, v);
        factor.SolveUpper(v); // now K⁻¹ k
        meanGradient.Clear();
        varianceGradient.Clear();
        for (int i = 0; i < n; i++)
        {
            double a = alpha[i] * dk[i], b = -2 * v[i] * dk[i];
            for (int c = 0; c < d; c++)
            {
                if (!Categorical[c])
                {
                    double chain = 2 * lambda[c] * (point[c] - points[(i * d) + c]);
                    meanGradient[c] += a * chain;
                    varianceGradient[c] += b * chain;
                }
            }
        }

        if (variance < MinimumVariance)
        {
            variance = MinimumVariance;
            varianceGradient.Clear();
        }

        return (mean, variance);
    }

    private static void MaternRow(Span<double> r2, Span<double> result, double scale)
    {
        double sqrt5 = Math.Sqrt(5);
        var r = result;
        TensorPrimitives.Sqrt(r2, r);
        // e = exp(−√5 r); value = (1 + √5 r + 5r²/3) e
        Span<double> e = r2.Length <= 512 ? stackalloc double[r2.Length] : new double[r2.Length];
        TensorPrimitives.Multiply(r, -sqrt5, e);
        TensorPrimitives.Exp(e, e);
        TensorPrimitives.Multiply(r, sqrt5, r);
        TensorPrimitives.Add(r, 1.0, r);
        TensorPrimitives.MultiplyAdd(r2, 5.0 / 3.0, r, r);
        TensorPrimitives.Multiply(r, e, r);
        TensorPrimitives.Multiply(r, scale, r);
    }

    private double[] Alpha()
    {
        var a = y.ToArray();
        factor.Solve(a);
        return a;
    }
}
