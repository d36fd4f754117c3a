namespace Astrolabe.Nn.Tests.Tensors;

/// <summary>
/// <see cref="Functional.Linear"/> against a naive loop, for shapes on both sides of its choice of product order
/// (y = x·Wᵀ, or yᵀ = W·xᵀ transposed: few outputs or a weight large beside the output), with and without a bias,
/// for row counts that are and are not multiples of the transposition's blocks of eight.
/// </summary>
public sealed class LinearProductTests
{
    [Theory]
    [InlineData(64, 64, 128)] // x·Wᵀ
    [InlineData(13, 40, 20)] // W·xᵀ: in ≥ 2 · rows
    [InlineData(16, 40, 20)]
    [InlineData(40, 12, 10)] // W·xᵀ: at most 16 outputs
    [InlineData(1, 3, 2)]
    [InlineData(33, 300, 17)]
    public void ValuesMatchANaiveLoop(int rows, int inF, int outF)
    {
        var rng = new Rng(11);
        var x = Tensor.Randn(rng, rows, inF);
        var w = Tensor.Randn(rng, outF, inF);
        var b = Tensor.Randn(rng, outF);
        foreach (var bias in new[] { b, null })
        {
            var y = Functional.Linear(x, w, bias);
            Assert.Equal([rows, outF], y.Shape);
            for (int r = 0; r < rows; r++)
            {
                for (int j = 0; j < outF; j++)
                {
                    double sum = bias?.Data[j] ?? 0;
                    for (int k = 0; k < inF; k++)
                    {
                        sum += (double)x.Data[(r * inF) + k] * w.Data[(j * inF) + k];
                    }

                    Assert.True(Math.Abs(y.Data[(r * outF) + j] - sum) <= 1e-4 * (1 + Math.Abs(sum)), $"y[{r}, {j}] = {y.Data[(r * outF) + j]}, expected {sum}");
                }
            }
        }
    }
}
