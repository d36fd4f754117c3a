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
        vectors.Clear();
        for (int i = 0; i < n; i++)
        {
            vectors[(i * n) + i] = 1;
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
                    Rotate(m, n, p, q, vectors);
                }
            }
        }

        for (int i = 0; i < n; i++)
        {
            values[i] = m[(i * n) + i];
        }
    }

    private static void Rotate(double[] m, int n, int p, int q, Span<double> v)
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
        for (int k = 0; k < n; k++)
        {
            double mkp = m[(k * n) + p], mkq = m[(k * n) + q];
            m[(k * n) + p] = (c * mkp) - (s * mkq);
            m[(k * n) + q] = (s * mkp) + (c * mkq);
        }

        for (int k = 0; k < n; k++)
        {
            double mpk = m[(p * n) + k], mqk = m[(q * n) + k];
            m[(p * n) + k] = (c * mpk) - (s * mqk);
            m[(q * n) + k] = (s * mpk) + (c * mqk);
        }

        for (int k = 0; k < n; k++)
        {
            double vkp = v[(k * n) + p], vkq = v[(k * n) + q];
            v[(k * n) + p] = (c * vkp) - (s * vkq);
            v[(k * n) + q] = (s * vkp) + (c * vkq);
        }
    }
}
