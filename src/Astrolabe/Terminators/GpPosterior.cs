namespace Astrolabe;

/// <summary>The posterior of a fitted <see cref="GaussianProcess"/> at single points, and between two of them.</summary>
internal static class GpPosterior
{
    /// <summary>The posterior mean and variance of the latent function at one point.</summary>
    public static (double Mean, double Variance) At(GaussianProcess model, ReadOnlySpan<double> point)
    {
        // One point given column-wise is the point itself (d rows of one value).
        Span<double> mean = stackalloc double[1], variance = stackalloc double[1];
        model.Posterior(point, 1, mean, variance);
        return (mean[0], variance[0]);
    }

    /// <summary>
    /// The posterior covariance of the latent function at <paramref name="a"/> and <paramref name="b"/>:
    /// k(a, b) − k_aᵀ K⁻¹ k_b = k(a, b) − (L⁻¹k_a)·(L⁻¹k_b), K = L Lᵀ the model's kernel matrix with its noise.
    /// </summary>
    public static double Covariance(GaussianProcess model, ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int n = model.Count, d = model.Dimensions;
        var kernel = model.Kernel;
        var matrix = GaussianProcess.KernelMatrix(model.Points, n, model.Categorical, kernel, null);
        var factor = CholeskyFactor.TryDecompose(matrix, n)
            ?? throw new InvalidOperationException("The model's kernel matrix no longer factors.");
        var ka = new double[n];
        var kb = new double[n];
        for (int i = 0; i < n; i++)
        {
            var xi = model.Points.Slice(i * d, d);
            ka[i] = kernel.Scale * MaternKernel.Value(MaternKernel.SquaredDistance(a, xi, kernel.InverseSquaredLengthscales, model.Categorical));
            kb[i] = kernel.Scale * MaternKernel.Value(MaternKernel.SquaredDistance(b, xi, kernel.InverseSquaredLengthscales, model.Categorical));
        }

        factor.SolveLower(ka);
        factor.SolveLower(kb);
        double prior = kernel.Scale * MaternKernel.Value(MaternKernel.SquaredDistance(a, b, kernel.InverseSquaredLengthscales, model.Categorical));
        return prior - System.Numerics.Tensors.TensorPrimitives.Dot<double>(ka, kb);
    }
}
