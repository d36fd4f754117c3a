namespace Astrolabe.Nn.Tests.Tensors;

public sealed class RngTests
{
    [Theory]
    [InlineData(0.3)]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.95)]
    [InlineData(1e-12)]
    public void FillMaskDrawsWhatOneNextDoublePerElementDraws(double p)
    {
        var bulk = new Rng(11);
        var single = new Rng(11);
        var mask = new float[1001];
        bulk.FillMask(mask, p, 2.5f);
        for (int i = 0; i < mask.Length; i++)
        {
            Assert.Equal(single.NextDouble() >= p ? 2.5f : 0f, mask[i]);
        }

        Assert.Contains(2.5f, mask);
        Assert.Equal(single.NextUInt64(), bulk.NextUInt64());
    }
}
