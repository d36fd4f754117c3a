namespace Astrolabe.Optim.Tests;

public sealed class RowSparseGradientTests
{
    private const int Rows = 6;
    private const int Width = 3;

    [Fact]
    public void RowsAccumulateOnceEachAndClearForgetsThem()
    {
        var g = new RowSparseGradient(Rows, Width);
        g.Add(4, [1f, 2f, 3f]);
        g.Add(1, [1f, 1f, 1f]);
        g.Add(4, [0.5f, 0.5f, 0.5f]);
        Assert.Equal([4, 1], g.Indices.ToArray());
        Assert.Equal([1.5f, 2.5f, 3.5f, 1f, 1f, 1f], g.Values.ToArray());
        var dense = new float[Rows * Width];
        g.CopyTo(dense);
        Assert.Equal(3.5f, dense[(4 * Width) + 2]);
        Assert.Equal(0f, dense[0]);
        g.Clear();
        Assert.Equal(0, g.Count);
        g.Add(4, [1f, 1f, 1f]);
        Assert.Equal([1f, 1f, 1f], g.Values.ToArray());
    }

    [Fact]
    public void BadRowsAndWidthsAreRefused()
    {
        var g = new RowSparseGradient(Rows, Width);
        Assert.Throws<ArgumentOutOfRangeException>(() => g.Row(Rows));
        Assert.Throws<ArgumentOutOfRangeException>(() => g.Row(-1));
        Assert.Throws<ArgumentException>(() => g.Add(0, [1f]));
        Assert.Throws<ArgumentException>(() => g.CopyTo(new float[3]));
        Assert.Throws<ArgumentException>(() => new Parameter("e", new float[Rows * Width], new RowSparseGradient(Rows + 1, Width), Rows, Width));
    }

    [Fact]
    public void ASparseParameterHasNoDenseGradient()
    {
        var p = new Parameter("e", new float[Rows * Width], new RowSparseGradient(Rows, Width));
        Assert.Equal([Rows, Width], p.Shape);
        var e = Assert.Throws<InvalidOperationException>(() => p.Grad);
        Assert.Contains("row-sparse", e.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string> DenseEquivalentOptimizers() => ["adagrad", "adagrad_wd", "adam", "adam_clip", "sgd_clip_inf", "adam_guard", "adam_accumulate"];

    /// <summary>
    /// A row-sparse gradient gives the same trajectory as the same gradient held densely, for optimizers that read it
    /// densely (after densifying) and for AdaGrad's row path alike.
    /// </summary>
    [Theory]
    [MemberData(nameof(DenseEquivalentOptimizers))]
    public void SparseAndDenseGradientsGiveTheSameTrajectory(string optimizer)
    {
        var (sparseParam, sparseGrad) = SparseTable();
        var (denseParam, denseGrad) = DenseTable();
        var other = new Parameter("b", [1f, -2f], [0.3f, -0.1f], 2);
        var other2 = new Parameter("b", [1f, -2f], [0.3f, -0.1f], 2);
        var sparseOpt = Build(optimizer, [sparseParam, other]);
        var denseOpt = Build(optimizer, [denseParam, other2]);
        var rng = new Random(3);
        for (int step = 0; step < 6; step++)
        {
            sparseOpt.ZeroGrad();
            denseOpt.ZeroGrad();
            for (int k = 0; k < 4; k++)
            {
                int row = rng.Next(Rows - 2); // the last two rows are never touched
                float[] values = [(float)rng.NextDouble() - 0.5f, (float)rng.NextDouble(), -(float)rng.NextDouble()];
                sparseGrad.Add(row, values);
                for (int j = 0; j < Width; j++)
                {
                    denseGrad[(row * Width) + j] += values[j];
                }
            }

            other.Grad.AsSpan().CopyTo(other2.Grad);
            sparseOpt.Step();
            denseOpt.Step();
            for (int i = 0; i < Rows * Width; i++)
            {
                Assert.Equal(denseParam.Value[i], sparseParam.Value[i], 1e-6f);
            }

            Assert.Equal(other2.Value, other.Value);
        }

        Assert.Equal(denseOpt.LastGradNorm, sparseOpt.LastGradNorm);
    }

    [Fact]
    public void SparseAdamTouchesOnlyTheRowsOfTheStep()
    {
        var (p, g) = SparseTable();
        float[] before = [.. p.Value];
        var opt = Optimizers.SparseAdam([p], lr: 0.1);
        g.Add(2, [1f, -1f, 0.5f]);
        opt.Step();
        for (int i = 0; i < Rows * Width; i++)
        {
            Assert.True(i / Width == 2 ? p.Value[i] != before[i] : p.Value[i] == before[i], $"element {i}");
        }

        // First step: m = (1−β1)g, v = (1−β2)g², u = √(1−β2)/(1−β1)·m/(√v + ε) = sign(g) (up to ε).
        Assert.Equal(before[6] - 0.1f, p.Value[6], 1e-5f);
    }

    [Fact]
    public void SparseAdamRefusesDenseUpdates()
    {
        var dense = new Parameter("w", [1f, 2f], [0.1f, 0.2f], 2);
        var e = Assert.Throws<ArgumentException>(() => Optimizers.SparseAdam([dense]));
        Assert.Contains("'w'", e.Message, StringComparison.Ordinal);

        var (p, g) = SparseTable();
        var decayed = new Optimizer([p], new Chain(new AddDecayedWeights(0.1), new ScaleBySparseAdam(), new ScaleByLearningRate(0.1)));
        g.Add(0, [1f, 1f, 1f]);
        var error = Assert.Throws<InvalidOperationException>(decayed.Step);
        Assert.Contains("dense", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MaskedGroupsMixSparseAdamAndAdam()
    {
        var (p, g) = SparseTable();
        var w = new Parameter("w", [1f, 2f], [0.5f, -0.5f], 2);
        var opt = new Optimizer([p, w], new Chain(
            new Masked(new ScaleBySparseAdam(), q => q.SparseGrad is not null),
            new Masked(new ScaleByAdam(), q => q.SparseGrad is null),
            new ScaleByLearningRate(0.01)));
        float untouched = p.Value[0];
        g.Add(3, [1f, 1f, 1f]);
        opt.Step();
        Assert.Equal(untouched, p.Value[0]);
        Assert.Equal(1f - 0.01f, w.Value[0], 1e-5f);
    }

    [Fact]
    public void NonFiniteSparseGradientIsCaught()
    {
        var (p, g) = SparseTable();
        var opt = Optimizers.AdaGrad([p]).WithNonFiniteGradients(NonFiniteGradientPolicy.Skip);
        g.Add(1, [float.NaN, 0f, 0f]);
        float[] before = [.. p.Value];
        opt.Step();
        Assert.Equal(1, opt.SkippedSteps);
        Assert.Equal(before, p.Value);
    }

    private static Optimizer Build(string name, Parameter[] ps) => name switch
    {
        "adagrad" => Optimizers.AdaGrad(ps, lr: 0.1, lrDecay: 0.01, initialAccumulatorValue: 0.1),
        "adagrad_wd" => Optimizers.AdaGrad(ps, lr: 0.1, weightDecay: 0.05),
        "adam" => Optimizers.Adam(ps, lr: 0.05),
        "adam_clip" => Optimizers.Adam(ps, lr: 0.05).WithGradientClipping(0.5),
        "sgd_clip_inf" => Optimizers.Sgd(ps, lr: 0.1, momentum: 0.9).WithGradientClipping(0.2, double.PositiveInfinity),
        "adam_guard" => Optimizers.Adam(ps, lr: 0.05).WithNonFiniteGradients(NonFiniteGradientPolicy.Skip),
        "adam_accumulate" => Optimizers.Adam(ps, lr: 0.05).WithGradientAccumulation(2),
        _ => throw new ArgumentException(name),
    };

    private static (Parameter, RowSparseGradient) SparseTable()
    {
        var g = new RowSparseGradient(Rows, Width);
        return (new Parameter("e", Table(), g, Rows, Width), g);
    }

    private static (Parameter, float[]) DenseTable()
    {
        var g = new float[Rows * Width];
        return (new Parameter("e", Table(), g, Rows, Width), g);
    }

    private static float[] Table() => [.. Enumerable.Range(0, Rows * Width).Select(i => MathF.Sin(i + 1))];
}
