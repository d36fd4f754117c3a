namespace Astrolabe.Nn.Tests.Quantization;

/// <summary>
/// The vector loops of the int8 steps (256-bit, and 512-bit where this CPU accelerates it: software otherwise, same
/// results) against the scalar formula, on lengths that leave every kind of partial vector.
/// </summary>
public sealed class VectorPathTests
{
    [Theory]
    [InlineData(1, 3)]
    [InlineData(7, 20)]
    [InlineData(13, 59)]
    [InlineData(5, 32)]
    [InlineData(9, 10)]
    public void TheEpilogueMatchesTheScalarRoundingAtBothWidths(int rows, int columns)
    {
        var rng = new Rng(rows * 100 + columns);
        var values = new sbyte[columns * 4];
        var weights = new QuantizedWeights(values, [.. Enumerable.Range(0, columns).Select(i => 0.002f + (0.0001f * i))], [.. Enumerable.Range(0, columns).Select(_ => (float)rng.NextNormal())], columns, 4, "w");
        var input = new QuantRange(0.03f, 11, 0, 255);
        var output = new QuantRange(0.02f, 40, 0, 255);
        var requantizer = new Requantizer(weights, input, output, relu: true);
        var sums = new int[requantizer.SumsLength(rows)];
        for (int i = 0; i < rows * columns; i++)
        {
            sums[i] = rng.NextInt(400_000) - 200_000;
        }

        foreach (bool wide in new[] { false, true })
        {
            var bytes = new byte[(rows * columns) + 1];
            bytes[^1] = 0xAB;
            requantizer.ToBytes(sums, rows, bytes.AsSpan(0, rows * columns), wide);
            Assert.Equal(0xAB, bytes[^1]);
            for (int i = 0; i < rows; i++)
            {
                for (int j = 0; j < columns; j++)
                {
                    double m = (double)input.Scale * weights.Scales[j] / output.Scale;
                    double a = (weights.Bias[j] / output.Scale) + output.ZeroPoint; // column sums are 0: all weights are 0
                    float expected = MathF.Round(MathF.FusedMultiplyAdd(sums[(i * columns) + j], (float)m, (float)a), MidpointRounding.ToEven);
                    Assert.Equal(Math.Clamp((int)expected, output.ZeroPoint, 255), bytes[(i * columns) + j]);
                }
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(37)]
    public void QuantisingMatchesTheScalarRoundingAtBothWidths(int length)
    {
        var rng = new Rng(length);
        var x = Enumerable.Range(0, length).Select(_ => (float)(rng.NextNormal() * 4)).ToArray();
        x[0] = 0.125f * 3; // a tie at scale 0.25: 1.5 steps rounds to 2 (even)
        var range = new QuantRange(0.25f, 9, 0, 255);
        foreach (bool wide in new[] { false, true })
        {
            var q = new byte[length];
            QuantizeStep.QuantizeFlat(x, q, 1f / range.Scale, range.ZeroPoint, range.Min, range.Max, wide);
            for (int i = 0; i < length; i++)
            {
                Assert.Equal(range.Quantize(x[i]), q[i]);
            }

            Assert.Equal(11, q[0]);
        }
    }
}
