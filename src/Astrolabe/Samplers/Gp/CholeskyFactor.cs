namespace Astrolabe;

/// <summary>
/// The lower Cholesky factor L of a symmetric positive-definite matrix (K = L Lᵀ), row-major, that can grow by a row
/// and column in O(n²) (<see cref="TryAppend"/>): a Gaussian process that takes in one more point with unchanged
/// hyperparameters extends its factor instead of decomposing again in O(n³). The dense routines are written here
/// rather than taken from a linear-algebra package because the matrices are small (n ≤ a few hundred), the append
/// is what matters and no allocation per solve is wanted.
/// </summary>
internal sealed class CholeskyFactor
{
    private double[] l;
    private int capacity;

    private CholeskyFactor(double[] l, int n, int capacity)
    {
        this.l = l;
        Size = n;
        this.capacity = capacity;
    }

    /// <summary>The order n.</summary>
    public int Size { get; private set; }

    /// <summary>Element (i, j) of L (zero above the diagonal).</summary>
    public double this[int i, int j] => j <= i ? l[(i * capacity) + j] : 0;

    /// <summary>
    /// Factors the n × n row-major matrix <paramref name="a"/> (only its lower triangle is read); null when it is not
    /// numerically positive definite.
    /// </summary>
    public static CholeskyFactor? TryDecompose(ReadOnlySpan<double> a, int n, int extraCapacity = 0)
    {
        int cap = n + extraCapacity;
        var l = new double[cap * cap];
        for (int i = 0; i < n; i++)
        {
            var li = l.AsSpan(i * cap, i + 1);
            for (int j = 0; j <= i; j++)
            {
                var lj = l.AsSpan(j * cap, j);
                double sum = a[(i * n) + j] - Dot(li[..j], lj);
                if (i == j)
                {
                    if (!(sum > 0) || !double.IsFinite(sum))
                    {
                        return null;
                    }

                    li[i] = Math.Sqrt(sum);
                }
                else
                {
                    li[j] = sum / l[(j * cap) + j];
                }
            }
        }

        return new CholeskyFactor(l, n, cap);
    }

    /// <summary>An independent copy (appends to it leave this one unchanged).</summary>
    public CholeskyFactor Clone() => new((double[])l.Clone(), Size, capacity);

    /// <summary>Solves L x = b in place.</summary>
    public void SolveLower(Span<double> b)
    {
        for (int i = 0; i < Size; i++)
        {
            var li = l.AsSpan(i * capacity, i);
            b[i] = (b[i] - Dot(li, b[..i])) / l[(i * capacity) + i];
        }
    }

    /// <summary>Solves Lᵀ x = b in place.</summary>
    public void SolveUpper(Span<double> b)
    {
        for (int i = Size - 1; i >= 0; i--)
        {
            double bi = b[i] / l[(i * capacity) + i];
            b[i] = bi;
            var li = l.AsSpan(i * capacity, i);
            for (int j = 0; j < i; j++)
            {
                b[j] -= li[j] * bi;
            }
        }
    }

    /// <summary>Solves K x = b in place (K = L Lᵀ).</summary>
    public void Solve(Span<double> b)
    {
        SolveLower(b);
        SolveUpper(b);
    }

    /// <summary>
    /// Solves L X = B in place for many right-hand sides: <paramref name="b"/> holds n rows of <paramref name="columns"/>
    /// values (row i is the i-th component of every right-hand side), so the inner loop runs over the right-hand
    /// sides, contiguous and vectorised.
    /// </summary>
    public void SolveLowerMany(Span<double> b, int columns)
    {
        for (int i = 0; i < Size; i++)
        {
            var bi = b.Slice(i * columns, columns);
            var li = l.AsSpan(i * capacity, i + 1);
            for (int j = 0; j < i; j++)
            {
                System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(b.Slice(j * columns, columns), -li[j], bi, bi);
            }

            System.Numerics.Tensors.TensorPrimitives.Multiply(bi, 1 / li[i], bi);
        }
    }

    /// <summary>Σ log Lᵢᵢ, half the log-determinant of K.</summary>
    public double HalfLogDeterminant()
    {
        double sum = 0;
        for (int i = 0; i < Size; i++)
        {
            sum += Math.Log(l[(i * capacity) + i]);
        }

        return sum;
    }

    /// <summary>K⁻¹ as a dense n × n row-major matrix (O(n³)).</summary>
    public double[] Inverse()
    {
        int n = Size;
        var inv = new double[n * n];
        var column = new double[n];
        for (int c = 0; c < n; c++)
        {
            Array.Clear(column);
            column[c] = 1;
            Solve(column);
            for (int r = 0; r < n; r++)
            {
                inv[(r * n) + c] = column[r];
            }
        }

        return inv;
    }

    /// <summary>
    /// Extends K by one point: <paramref name="cross"/> is its covariance with the n points so far, <paramref name="self"/>
    /// its variance. Returns false, changing nothing, when the extended matrix is not numerically positive definite.
    /// </summary>
    public bool TryAppend(ReadOnlySpan<double> cross, double self)
    {
        int n = Size;
        var row = new double[n];
        cross[..n].CopyTo(row);
        SolveLower(row);
        double d = self - Dot(row, row);
        if (!(d > 0) || !double.IsFinite(d))
        {
            return false;
        }

        if (n + 1 > capacity)
        {
            int grown = Math.Max(n + 1, capacity * 2);
            var bigger = new double[grown * grown];
            for (int i = 0; i < n; i++)
            {
                l.AsSpan(i * capacity, i + 1).CopyTo(bigger.AsSpan(i * grown));
            }

            (l, capacity) = (bigger, grown);
        }

        row.CopyTo(l.AsSpan(n * capacity));
        l[(n * capacity) + n] = Math.Sqrt(d);
        Size = n + 1;
        return true;
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b) =>
        a.Length == 0 ? 0 : System.Numerics.Tensors.TensorPrimitives.Dot(a, b);
}
