namespace Astrolabe;

/// <summary>
/// Limited-memory BFGS with optional box bounds, by projection: variables at a bound whose gradient points out of
/// the box are held fixed for the step, the two-loop recursion gives the direction on the others, and a
/// backtracking (Armijo) line search runs along the projected path. It stops when the projected gradient's largest
/// component is below the tolerance (scipy's <c>gtol</c> test), when a step no longer lowers the function, or after
/// the iteration limit. This is the projected variant, not the generalised-Cauchy-point L-BFGS-B of Byrd et al.;
/// for the smooth, low-dimensional problems here (kernel hyperparameters, an acquisition function over [0, 1]ᵈ)
/// it finds the same local optima.
/// </summary>
internal static class BoundedLbfgs
{
    private const int Memory = 10;

    /// <summary>
    /// Minimises <paramref name="f"/> (which returns the value and writes the gradient into its second argument)
    /// from <paramref name="x"/>, in place; returns the value at the final point. Bounds, when given, apply per
    /// variable. A non-finite value at a trial point counts as "too far" and the step is shortened.
    /// </summary>
    public static double Minimize(Func<double[], double[], double> f, double[] x, double[]? lower, double[]? upper, double gtol, int maxIterations)
    {
        int n = x.Length;
        Project(x, lower, upper);
        var g = new double[n];
        double fx = f(x, g);
        if (!double.IsFinite(fx))
        {
            return fx;
        }

        var s = new List<double[]>();
        var y = new List<double[]>();
        var rho = new List<double>();
        var direction = new double[n];
        var trial = new double[n];
        var gTrial = new double[n];
        var free = new bool[n];
        var alpha = new double[Memory];
        for (int iteration = 0; iteration < maxIterations; iteration++)
        {
            if (ProjectedGradientNorm(x, g, lower, upper, free) <= gtol)
            {
                break;
            }

            // Two-loop recursion on the free variables.
            for (int i = 0; i < n; i++)
            {
                direction[i] = free[i] ? -g[i] : 0;
            }

            for (int k = s.Count - 1; k >= 0; k--)
            {
                alpha[k] = rho[k] * DotFree(s[k], direction, free);
                AxpyFree(-alpha[k], y[k], direction, free);
            }

            if (s.Count > 0)
            {
                double gamma = DotFree(s[^1], y[^1], free) / Math.Max(DotFree(y[^1], y[^1], free), 1e-300);
                if (gamma > 0 && double.IsFinite(gamma))
                {
                    for (int i = 0; i < n; i++)
                    {
                        direction[i] *= gamma;
                    }
                }
            }

            for (int k = 0; k < s.Count; k++)
            {
                double beta = rho[k] * DotFree(y[k], direction, free);
                AxpyFree(alpha[k] - beta, s[k], direction, free);
            }

            double slope = DotFree(g, direction, free);
            if (!(slope < 0))
            {
                // Not a descent direction (curvature pairs went stale): restart from steepest descent.
                s.Clear();
                y.Clear();
                rho.Clear();
                for (int i = 0; i < n; i++)
                {
                    direction[i] = free[i] ? -g[i] : 0;
                }

                slope = DotFree(g, direction, free);
                if (!(slope < 0))
                {
                    break;
                }
            }

            double step = s.Count == 0 ? Math.Min(1, 1 / Math.Sqrt(Math.Max(-slope, 1e-300))) : 1;
            double fTrial = double.NaN;
            bool accepted = false;
            for (int tries = 0; tries < 40; tries++)
            {
                for (int i = 0; i < n; i++)
                {
                    trial[i] = x[i] + (step * direction[i]);
                }

                Project(trial, lower, upper);
                fTrial = f(trial, gTrial);
                double decrease = 0;
                for (int i = 0; i < n; i++)
                {
                    decrease += g[i] * (trial[i] - x[i]);
                }

                if (double.IsFinite(fTrial) && fTrial <= fx + (1e-4 * decrease))
                {
                    accepted = true;
                    break;
                }

                step *= 0.5;
            }

            if (!accepted || !(fTrial < fx || fTrial == fx && ProjectedGradientNorm(trial, gTrial, lower, upper, free) < gtol))
            {
                break;
            }

            var sk = new double[n];
            var yk = new double[n];
            for (int i = 0; i < n; i++)
            {
                sk[i] = trial[i] - x[i];
                yk[i] = gTrial[i] - g[i];
            }

            double sy = Dot(sk, yk);
            if (sy > 1e-10 * Math.Sqrt(Dot(sk, sk) * Dot(yk, yk)))
            {
                if (s.Count == Memory)
                {
                    s.RemoveAt(0);
                    y.RemoveAt(0);
                    rho.RemoveAt(0);
                }

                s.Add(sk);
                y.Add(yk);
                rho.Add(1 / sy);
            }

            Array.Copy(trial, x, n);
            Array.Copy(gTrial, g, n);
            fx = fTrial;
        }

        return fx;
    }

    private static void Project(double[] x, double[]? lower, double[]? upper)
    {
        for (int i = 0; i < x.Length; i++)
        {
            if (lower is not null && x[i] < lower[i])
            {
                x[i] = lower[i];
            }

            if (upper is not null && x[i] > upper[i])
            {
                x[i] = upper[i];
            }
        }
    }

    /// <summary>The largest component of the projected gradient; marks which variables are free to move.</summary>
    private static double ProjectedGradientNorm(double[] x, double[] g, double[]? lower, double[]? upper, bool[] free)
    {
        double norm = 0;
        for (int i = 0; i < x.Length; i++)
        {
            bool atLower = lower is not null && x[i] <= lower[i] && g[i] > 0;
            bool atUpper = upper is not null && x[i] >= upper[i] && g[i] < 0;
            free[i] = !atLower && !atUpper;
            if (free[i])
            {
                norm = Math.Max(norm, Math.Abs(g[i]));
            }
        }

        return norm;
    }

    private static double Dot(double[] a, double[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    private static double DotFree(double[] a, double[] b, bool[] free)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            if (free[i])
            {
                sum += a[i] * b[i];
            }
        }

        return sum;
    }

    private static void AxpyFree(double a, double[] x, double[] y, bool[] free)
    {
        for (int i = 0; i < x.Length; i++)
        {
            if (free[i])
            {
                y[i] += a * x[i];
            }
        }
    }
}
