using System.Numerics;

namespace Astrolabe.Nn.Training;

/// <summary>Regression scores (e.g. rating prediction), accumulated in double precision.</summary>
public static class RegressionMetrics
{
    /// <summary>The root mean squared error √(Σ (p − y)² / n).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predicted">Predictions.</param>
    /// <param name="targets">Targets (as many, at least one).</param>
    /// <returns>RMSE.</returns>
    public static double Rmse<T>(ReadOnlySpan<T> predicted, ReadOnlySpan<T> targets)
        where T : INumberBase<T>
    {
        Check(predicted.Length, targets.Length, nameof(Rmse));
        double s = 0;
        for (int i = 0; i < targets.Length; i++)
        {
            double d = double.CreateChecked(predicted[i]) - double.CreateChecked(targets[i]);
            s += d * d;
        }

        return Math.Sqrt(s / targets.Length);
    }

    /// <summary>The mean absolute error Σ |p − y| / n.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predicted">Predictions.</param>
    /// <param name="targets">Targets (as many, at least one).</param>
    /// <returns>MAE.</returns>
    public static double Mae<T>(ReadOnlySpan<T> predicted, ReadOnlySpan<T> targets)
        where T : INumberBase<T>
    {
        Check(predicted.Length, targets.Length, nameof(Mae));
        double s = 0;
        for (int i = 0; i < targets.Length; i++)
        {
            s += Math.Abs(double.CreateChecked(predicted[i]) - double.CreateChecked(targets[i]));
        }

        return s / targets.Length;
    }

    private static void Check(int a, int b, string metric)
    {
        if (a != b)
        {
            throw new ArgumentException($"{metric}: {a} predictions but {b} targets.");
        }

        if (b == 0)
        {
            throw new ArgumentException($"{metric}: no rows.");
        }
    }
}
