using Astrolabe.Nn.Kernels;

namespace Astrolabe.Nn;

public static partial class Functional
{
    /// <summary>
    /// Batched matrix product <c>C[i] = op(A[i])·op(B[i])</c> (<c>torch.bmm</c>), where op transposes the last two
    /// dimensions when asked: attention's <c>Q·Kᵀ</c> is <c>BatchedMatMul(q, k, transposeB: true)</c>, with no copy of
    /// K. Each product runs on the GEMM kernel, several at once when they are small; counted as <c>bmm</c> by a
    /// <see cref="FlopCounter"/> (2·batch·m·n·k, and as much per operand needing a gradient).
    /// </summary>
    /// <param name="a">[batch, m, k], or [batch, k, m] with <paramref name="transposeA"/>.</param>
    /// <param name="b">
    /// [batch, k, n], or [batch, n, k] with <paramref name="transposeB"/>; or rank 2 ([k, n] or [n, k]), the same
    /// matrix for every batch item (its gradient sums over the batch).
    /// </param>
    /// <param name="transposeA">Whether to use the transpose of each matrix of <paramref name="a"/>.</param>
    /// <param name="transposeB">Whether to use the transpose of each matrix of <paramref name="b"/>.</param>
    /// <returns>The [batch, m, n] products.</returns>
    /// <exception cref="ArgumentException">A rank is wrong, or the batch or inner sizes differ.</exception>
    public static Tensor BatchedMatMul(Tensor a, Tensor b, bool transposeA = false, bool transposeB = false)
    {
        Shapes.RequireRank(a, 3, "BatchedMatMul", transposeA ? "a [batch, k, m]" : "a [batch, m, k]");
        if (b.Rank is not (2 or 3))
        {
            throw new ArgumentException(
                $"BatchedMatMul: expected b of rank 3 {(transposeB ? "[batch, n, k]" : "[batch, k, n]")} or rank 2, got shape {Shapes.Format(b.ShapeSpan)}.");
        }

        bool shared = b.Rank == 2;
        int batch = a.Dim(0);
        int m = transposeA ? a.Dim(2) : a.Dim(1), k = transposeA ? a.Dim(1) : a.Dim(2);
        int kb = transposeB ? b.Dim(-1) : b.Dim(-2), n = transposeB ? b.Dim(-2) : b.Dim(-1);
        if ((!shared && b.Dim(0) != batch) || kb != k)
        {
            throw new ArgumentException(
                $"BatchedMatMul: {Shapes.Format(a.ShapeSpan)}{(transposeA ? "ᵀ" : "")} · {Shapes.Format(b.ShapeSpan)}{(transposeB ? "ᵀ" : "")} do not match (batch sizes, or inner dimensions {k} and {kb}).");
        }

        int aSize = m * k, bSize = shared ? 0 : k * n, cSize = m * n;
        int lda = transposeA ? m : k, ldb = transposeB ? k : n;
        var y = TensorMemory.Output(batch * cSize);
        if (shared && !transposeA)
        {
            // One product of all rows of a at once: [batch·m, k]·op(B).
            Gemm.Multiply(false, transposeB, batch * m, n, k, a.Data, 0, k, b.Data, 0, ldb, y, 0, n, accumulate: false);
        }
        else
        {
            EachItem(batch, m, n, k, (i, serial) => Gemm.Multiply(transposeA, transposeB, m, n, k,
                a.Data, i * aSize, lda, b.Data, i * bSize, ldb, y, i * cSize, n, accumulate: false, serial));
        }

        long flops = 2L * batch * m * n * k;
        return Tensor.FromOp(y, [batch, m, n], o =>
        {
            var g = o.Grad!;
            if (a.RequiresGrad)
            {
                // d op(A) = dC·op(B)ᵀ; stored transposed when op(A) = Aᵀ: dA = op(B)·dCᵀ.
                var ga = a.GradBuffer();
                EachItem(batch, transposeA ? k : m, transposeA ? m : k, n, (i, serial) =>
                {
                    if (transposeA)
                    {
                        Gemm.Multiply(transposeB, true, k, m, n, b.Data, i * bSize, ldb, g, i * cSize, n, ga, i * aSize, lda, accumulate: true, serial);
                    }
                    else
                    {
                        Gemm.Multiply(false, !transposeB, m, k, n, g, i * cSize, n, b.Data, i * bSize, ldb, ga, i * aSize, lda, accumulate: true, serial);
                    }
                });
            }

            if (b.RequiresGrad)
            {
                // d op(B) = op(A)ᵀ·dC; stored transposed when op(B) = Bᵀ: dB = dCᵀ·op(A).
                var gb = b.GradBuffer();
                void ItemB(int i, bool serial)
                {
                    if (transposeB)
                    {
                        Gemm.Multiply(true, transposeA, n, k, m, g, i * cSize, n, a.Data, i * aSize, lda, gb, i * bSize, ldb, accumulate: true, serial);
                    }
                    else
                    {
                        Gemm.Multiply(!transposeA, false, k, n, m, a.Data, i * aSize, lda, g, i * cSize, n, gb, i * bSize, ldb, accumulate: true, serial);
                    }
                }

                if (!shared)
                {
                    EachItem(batch, transposeB ? n : k, transposeB ? k : n, m, ItemB);
                }
                else if (!transposeA)
                {
                    // All rows at once, as in the forward: the batch sum is the product's own sum over rows.
                    if (transposeB)
                    {
                        Gemm.Multiply(true, false, n, k, batch * m, g, 0, n, a.Data, 0, k, gb, 0, ldb, accumulate: true);
                    }
                    else
                    {
                        Gemm.Multiply(true, false, k, n, batch * m, a.Data, 0, k, g, 0, n, gb, 0, ldb, accumulate: true);
                    }
                }
                else
                {
                    // Every item adds into the one shared gradient: one after another.
                    for (int i = 0; i < batch; i++)
                    {
                        ItemB(i, false);
                    }
                }
            }
        }, a, b).CountFlops("bmm", flops, () => flops * ((a.RequiresGrad ? 1 : 0) + (b.RequiresGrad ? 1 : 0)));
    }

    /// <summary>
    /// Runs <paramref name="item"/>(i, serial) for every batch item: one after another, each GEMM free to use every
    /// thread, when the products are large; otherwise spread over the threads, each GEMM on its own thread.
    /// </summary>
    private static void EachItem(int batch, int m, int n, int k, Action<int, bool> item)
    {
        long work = (long)m * n * k;
        if (work >= 1_500_000 || batch == 1)
        {
            for (int i = 0; i < batch; i++)
            {
                item(i, false);
            }

            return;
        }

        KernelThreads.ForParts(batch, work, (first, end) =>
        {
            for (int i = first; i < end; i++)
            {
                item(i, true);
            }
        });
    }
}
