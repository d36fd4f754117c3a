namespace Astrolabe.Nn.Tests.Tensors;

public sealed class RngTests
{
    [Fact]
    public void FillMaskDrawsWhatOneNextDoublePerElementDraws()
    {
        var bulk = new Rng(11);
        var single = new Rng(11);
        var mask = new float[1001];
        bulk.FillMask(mask, 0.3, 2.5f);
        for (int i = 0; i < mask.Length; i++)
        {
            Assert.Equal(single.NextDouble() >= 0.3 ? 2.5f : 0f, mask[i]);
        }

        Assert.Contains(0f, mask);
        Assert.Contains(2.5f, mask);
        Assert.Equal(single.NextUInt64(), bulk.NextUInt64());
    }
}
