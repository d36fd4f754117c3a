namespace Astrolabe.Nn;

public static partial class Functional
{
    /// <summary>
    /// Bayesian personalised ranking loss (Rendle et al., 2009): <c>−mean log σ(pos − neg)</c>, computed stably as
    /// <c>mean softplus(neg − pos)</c>.
    /// </summary>
    /// <param name="positive">The scores of the observed items.</param>
    /// <param name="negative">The scores of the sampled unobserved items, same number of elements.</param>
    /// <returns>The scalar loss.</returns>
    /// <exception cref="ArgumentException">The tensors are empty or their lengths differ.</exception>
    public static Tensor BprLoss(Tensor positive, Tensor negative)
    {
        ArgumentNullException.ThrowIfNull(positive);
        ArgumentNullException.ThrowIfNull(negative);
        RequireBatch(positive.Length, negative.Length, "BprLoss");
        int n = positive.Length;
        double loss = 0;
        for (int i = 0; i < n; i++)
        {
            double x = negative.Data[i] - (double)positive.Data[i];
            loss += Math.Max(x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x)));
        }

        return Tensor.FromOp([(float)(loss / n)], [], o =>
        {
            // d/dpos softplus(neg − pos) = −σ(neg − pos).
            double scale = o.Grad![0] / (double)n;
            for (int i = 0; i < n; i++)
            {
                double x = negative.Data[i] - (double)positive.Data[i];
                float g = (float)(scale / (1 + Math.Exp(-x)));
                if (positive.RequiresGrad)
                {
                    positive.GradBuffer()[i] -= g;
                }

                if (negative.RequiresGrad)
                {
                    negative.GradBuffer()[i] += g;
                }
            }
        }, positive, negative);
    }

    /// <summary>
    /// Margin ranking loss as <c>torch.nn.functional.margin_ranking_loss</c>:
    /// <c>mean max(0, −y·(x1 − x2) + margin)</c>, y = 1 when x1 should rank higher, −1 when x2 should.
    /// </summary>
    /// <param name="input1">The first scores.</param>
    /// <param name="input2">The second scores, same number of elements.</param>
    /// <param name="target">y per pair (±1), same number of elements; not differentiated.</param>
    /// <param name="margin">The margin.</param>
    /// <returns>The scalar loss.</returns>
    /// <exception cref="ArgumentException">The tensors are empty or their lengths differ.</exception>
    public static Tensor MarginRankingLoss(Tensor input1, Tensor input2, Tensor target, float margin = 0f)
    {
        ArgumentNullException.ThrowIfNull(input1);
        ArgumentNullException.ThrowIfNull(input2);
        ArgumentNullException.ThrowIfNull(target);
        RequireBatch(input1.Length, input2.Length, "MarginRankingLoss");
        RequireBatch(input1.Length, target.Length, "MarginRankingLoss");
        int n = input1.Length;
        double loss = 0;
        for (int i = 0; i < n; i++)
        {
            loss += Math.Max(0, Hinge(i));
        }

        return Tensor.FromOp([(float)(loss / n)], [], o =>
        {
            // PyTorch's clamp_min passes the gradient where the hinge is ≥ 0.
            float scale = o.Grad![0] / n;
            for (int i = 0; i < n; i++)
            {
                if (Hinge(i) < 0)
                {
                    continue;
                }

                float g = scale * target.Data[i];
                if (input1.RequiresGrad)
                {
                    input1.GradBuffer()[i] -= g;
                }

                if (input2.RequiresGrad)
                {
                    input2.GradBuffer()[i] += g;
                }
            }
        }, input1, input2);

        double Hinge(int i) => (-(double)target.Data[i] * (input1.Data[i] - (double)input2.Data[i])) + margin;
    }

    /// <summary>Column <paramref name="column"/> of a matrix [N, K] as a vector [N] (differentiable).</summary>
    internal static Tensor Column(Tensor x, int column, string op)
    {
        Shapes.RequireRank(x, 2, op, "scores [N, 2]");
        int n = x.Dim(0), k = x.Dim(1);
        if (k != 2)
        {
            throw new ArgumentException($"{op}: expected scores [N, 2] (two columns), got {Shapes.Format(x.ShapeSpan)}.");
        }

        var y = new float[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = x.Data[(i * k) + column];
        }

        return Tensor.FromOp(y, [n], o =>
        {
            var g = x.GradBuffer();
            for (int i = 0; i < n; i++)
            {
                g[(i * k) + column] += o.Grad![i];
            }
        }, x);
    }
}
