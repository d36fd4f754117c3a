namespace Astrolabe.Optim.Tests;

public sealed class TransformStateTests
{
    private static readonly Parameter[] Ps = [new("a", new float[2], new float[2], 2), new("b", new float[3], new float[3], 3)];

    [Fact]
    public void SlotsAreFoundByNameAndStartAtTheirInitialValues()
    {
        var state = new TransformState(Ps, [new BufferSlot("m"), new BufferSlot("sum", 0.5f)], [ScalarSlot.Count, new ScalarSlot("mu_product", 1)]);
        Assert.Equal(["m", "sum"], state.BufferSlots.Select(s => s.Name));
        Assert.Equal([0.5f, 0.5f, 0.5f], state.Buffer(new BufferSlot("sum"), 1));
        Assert.Equal(3, state.Buffer(new BufferSlot("m"), 1).Length);
        Assert.Equal(1.0, state[new ScalarSlot("mu_product")]);
        Assert.Equal(1, state.Increment(ScalarSlot.Count));
        Assert.Equal(2, state.Increment(ScalarSlot.Count));
        state[ScalarSlot.Count] = 7;
        Assert.Equal(7.0, state[ScalarSlot.Count]);
    }

    [Fact]
    public void AMissingOrDuplicateSlotIsNamedInTheError()
    {
        var state = new TransformState(Ps, [new BufferSlot("m")], [ScalarSlot.Count]);
        Assert.Equal("The state has no buffer slot 'v' (it has m). (Parameter 'slot')", Assert.Throws<ArgumentException>(() => state.Buffer(new BufferSlot("v"), 0)).Message);
        Assert.Contains("no scalar slot 'lr' (it has count)", Assert.Throws<ArgumentException>(() => state[new ScalarSlot("lr")]).Message, StringComparison.Ordinal);
        Assert.Contains("Two slots are named 'm'", Assert.Throws<ArgumentException>(() => new TransformState(Ps, [new BufferSlot("m"), new BufferSlot("m", 1)])).Message, StringComparison.Ordinal);
    }
}
