using System.Numerics;
using System.Runtime.InteropServices;

namespace Astrolabe;

/// <summary>The vectorised inner loops of the Parzen estimators (one candidate against every kernel).</summary>
internal static class KernelMath
{
    /// <summary>row[k] −= ½ ((y − mu[k]) · inverseSigma[k])² for every kernel k.</summary>
    public static void SubtractHalfSquaredDistance(Span<double> row, ReadOnlySpan<double> mus, ReadOnlySpan<double> inverseSigmas, double y)
    {
        int k = 0;
        if (Vector.IsHardwareAccelerated && row.Length >= Vector<double>.Count)
        {
            var rows = MemoryMarshal.Cast<double, Vector<double>>(row);
            var m = MemoryMarshal.Cast<double, Vector<double>>(mus);
            var s = MemoryMarshal.Cast<double, Vector<double>>(inverseSigmas);
            var yv = new Vector<double>(y);
            var half = new Vector<double>(0.5);
            for (int v = 0; v < rows.Length; v++)
            {
                var z = (yv - m[v]) * s[v];
                rows[v] -= half * z * z;
            }

            k = rows.Length * Vector<double>.Count;
        }

        for (; k < row.Length; k++)
        {
            double z = (y - mus[k]) * inverseSigmas[k];
            row[k] -= 0.5 * z * z;
        }
    }

    /// <summary>log Σ exp(row[k]), stable (−∞ when every term is −∞).</summary>
    public static double LogSumExp(ReadOnlySpan<double> row)
    {
        double max = double.NegativeInfinity;
        int start = 0;
        if (Vector.IsHardwareAccelerated && row.Length >= Vector<double>.Count)
        {
            var rows = MemoryMarshal.Cast<double, Vector<double>>(row);
            var best = new Vector<double>(double.NegativeInfinity);
            foreach (var v in rows)
            {
                best = Vector.Max(best, v);
            }

            for (int i = 0; i < Vector<double>.Count; i++)
            {
                max = Math.Max(max, best[i]);
            }

            start = rows.Length * Vector<double>.Count;
        }

        for (int i = start; i < row.Length; i++)
        {
            max = Math.Max(max, row[i]);
        }

        if (double.IsNegativeInfinity(max))
        {
            return max;
        }

        double total = 0;
        int k = 0;
        if (Vector.IsHardwareAccelerated && row.Length >= Vector<double>.Count)
        {
            var rows = MemoryMarshal.Cast<double, Vector<double>>(row);
            var maxV = new Vector<double>(max);
            var sum = Vector<double>.Zero;
            for (int v = 0; v < rows.Length; v++)
            {
                sum += Vector.Exp(rows[v] - maxV);
            }

            total = Vector.Sum(sum);
            k = rows.Length * Vector<double>.Count;
        }

        for (; k < row.Length; k++)
        {
            total += Math.Exp(row[k] - max);
        }

        return max + Math.Log(total);
    }
}
