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
}
