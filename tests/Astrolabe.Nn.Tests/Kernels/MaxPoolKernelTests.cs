using Astrolabe.Nn.Kernels;

namespace Astrolabe.Nn.Tests.Kernels;

public class MaxPoolKernelTests
{
    [Theory]
    [InlineData(4, 4, 3)]
    [InlineData(28, 28, 3)]
    [InlineData(27, 35, 3)]
    [InlineData(33, 16, 3)]
    [InlineData(28, 28, 300)]
    public void Matches_the_window_by_window_rule_with_ties_and_nan(int h, int w, int nc)
    {
        // Values from a small set give many ties; some NaNs. The rule: scan top-left, top-right, bottom-left,
        // bottom-right; a later element wins when greater or NaN. 300 planes are split across threads.
        var rng = new Rng(h * 100 + w);
        int oh = h / 2, ow = w / 2;
        var x = new float[nc * h * w];
        for (int i = 0; i < x.Length; i++)
        {
            double u = rng.NextDouble();
            x[i] = u < 0.03 ? float.NaN : (float)Math.Floor(u * 4);
        }

        var y = new float[nc * oh * ow];
        var argmax = new int[y.Length];
        MaxPoolKernel.Pool2x2(x, h, w, nc, oh, ow, y, argmax);
        for (int plane = 0; plane < nc; plane++)
        {
            for (int i = 0; i < oh; i++)
            {
                for (int j = 0; j < ow; j++)
                {
                    int a = (plane * h * w) + (2 * i * w) + (2 * j), best = a;
                    foreach (int c in new[] { a + 1, a + w, a + w + 1 })
                    {
                        if (x[c] > x[best] || float.IsNaN(x[c]))
                        {
                            best = c;
                        }
                    }

                    int k = (((plane * oh) + i) * ow) + j;
                    Assert.True(best == argmax[k], $"plane {plane} ({i}, {j}): index {argmax[k]}, expected {best}");
                    Assert.Equal(x[best], y[k]);
                }
            }
        }
    }

    [Theory]
    [InlineData(4, 4, 3)]
    [InlineData(28, 28, 3)]
    [InlineData(27, 35, 3)]
    [InlineData(33, 17, 3)]
    [InlineData(5, 5, 2)]
    [InlineData(28, 28, 300)]
    public void Written_input_gradient_equals_the_scatter_into_zeros(int h, int w, int nc)
    {
        var rng = new Rng(h * 1000 + w);
        int oh = h / 2, ow = w / 2;
        var x = new float[nc * h * w];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = (float)Math.Floor(rng.NextDouble() * 4); // ties: the index decides, not the value
        }

        var y = new float[nc * oh * ow];
        var argmax = new int[y.Length];
        MaxPoolKernel.Pool2x2(x, h, w, nc, oh, ow, y, argmax);
        var g = new float[y.Length];
        for (int k = 0; k < g.Length; k++)
        {
            g[k] = (float)((2 * rng.NextDouble()) - 1);
        }

        var expected = new float[x.Length];
        for (int k = 0; k < g.Length; k++)
        {
            expected[argmax[k]] += g[k];
        }

        var written = new float[x.Length];
        Array.Fill(written, float.NaN); // arbitrary old contents: every element must be written
        MaxPoolKernel.BackwardWrite2x2(g, argmax, h, w, nc, oh, ow, written);
        Assert.Equal(expected, written);
    }
}
