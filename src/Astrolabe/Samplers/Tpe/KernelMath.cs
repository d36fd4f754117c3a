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

    /// <summary>
    /// Terms this far below the largest are counted as exp(−700) ≈ 1e−304 (the largest counts 1, so the sum
    /// moves by less than one part in 1e300 for any number of kernels): the vectorised exp hands arguments past its
    /// range (underflow, below about −708) to a scalar fallback lane by lane, and far kernels are most of them.
    /// </summary>
    private const double LowestTerm = -700;

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
            var lowest = new Vector<double>(LowestTerm);
            var sum = Vector<double>.Zero;
            for (int v = 0; v < rows.Length; v++)
            {
                sum += Vector.Exp(Vector.Max(rows[v] - maxV, lowest));
            }

            total = Vector.Sum(sum);
            k = rows.Length * Vector<double>.Count;
        }

        for (; k < row.Length; k++)
        {
            total += Math.Exp(Math.Max(row[k] - max, LowestTerm));
        }

        return max + Math.Log(total);
    }
}
