namespace Astrolabe;

/// <summary>Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations.</summary>
internal static class SymmetricEigen
{
    /// <summary>
    /// Decomposes the symmetric n×n matrix <paramref name="a"/> (row-major, not modified) into eigenvalues
    /// <paramref name="values"/> and eigenvectors stored as the columns of <paramref name="vectors"/> (row-major n×n).
    /// </summary>
    public static void Decompose(ReadOnlySpan<double> a, int n, Span<double> values, Span<double> vectors)
    {
        var m = a.ToArray();

        // The eigenvectors are accumulated as rows (the transpose of the result), so that a rotation updates two
        // contiguous rows instead of two strided columns.
        var vt = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            vt[(i * n) + i] = 1;
        }

        for (int sweep = 0; sweep < 100; sweep++)
        {
            double off = 0, diag = 0;
            for (int i = 0; i < n; i++)
            {
                diag += m[(i * n) + i] * m[(i * n) + i];
                for (int j = i + 1; j < n; j++)
                {
                    off += m[(i * n) + j] * m[(i * n) + j];
                }
            }

            if (off <= 1e-26 * diag || off == 0)
            {
                break;
            }

            for (int p = 0; p < n; p++)
            {
                for (int q = p + 1; q < n; q++)
                {
                    Rotate(m, n, p, q, vt);
                }
            }
        }

        for (int i = 0; i < n; i++)
        {
            values[i] = m[(i * n) + i];
            for (int j = 0; j < n; j++)
            {
                vectors[(j * n) + i] = vt[(i * n) + j];
            }
        }
    }

    /// <summary>
    /// m ← Jᵀ·m·J and vᵀ ← Jᵀ·vᵀ for the rotation J in the (p, q) plane that zeroes m[p, q]. Off the 2×2 block the
    /// new rows p and q are computed once and mirrored into columns p and q (m stays symmetric); the block gets
    /// the column and then the row rotation, as the two-sided product defines it.
    /// </summary>
    private static void Rotate(double[] m, int n, int p, int q, double[] vt)
    {
        double apq = m[(p * n) + q];
        if (apq == 0)
        {
            return;
        }

        double app = m[(p * n) + p], aqq = m[(q * n) + q];
        double theta = (aqq - app) / (2 * apq);
        double t = Math.Sign(theta) / (Math.Abs(theta) + Math.Sqrt((theta * theta) + 1));
        if (theta == 0)
        {
            t = 1;
        }

        double c = 1 / Math.Sqrt((t * t) + 1), s = t * c;

        // The 2×2 block: columns first, then rows.
        double bpp = (c * app) - (s * apq), bpq = (s * app) + (c * apq);
        double bqp = (c * apq) - (s * aqq), bqq = (s * apq) + (c * aqq);
        double npp = (c * bpp) - (s * bqp), npq = (c * bpq) - (s * bqq);
        double nqp = (s * bpp) + (c * bqp), nqq = (s * bpq) + (c * bqq);

        var rowP = m.AsSpan(p * n, n);
        var rowQ = m.AsSpan(q * n, n);
        for (int k = 0; k < n; k++)
        {
            double mpk = rowP[k], mqk = rowQ[k];
            rowP[k] = (c * mpk) - (s * mqk);
            rowQ[k] = (s * mpk) + (c * mqk);
        }

        rowP[p] = npp;
        rowP[q] = npq;
        rowQ[p] = nqp;
        rowQ[q] = nqq;
        for (int k = 0; k < n; k++)
        {
            if (k != p && k != q)
            {
                m[(k * n) + p] = rowP[k];
                m[(k * n) + q] = rowQ[k];
            }
        }

        var vp = vt.AsSpan(p * n, n);
        var vq = vt.AsSpan(q * n, n);
        for (int k = 0; k < n; k++)
        {
            double a = vp[k], b = vq[k];
            vp[k] = (c * a) - (s * b);
            vq[k] = (s * a) + (c * b);
        }
    }
}
