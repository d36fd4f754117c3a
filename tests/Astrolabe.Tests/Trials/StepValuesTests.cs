namespace Astrolabe.Tests.Trials;

public sealed class StepValuesTests
{
    [Fact]
    public void SetLeavesTheMapItWasCalledOnAsItWas()
    {
        var empty = StepValues.Empty;
        var one = empty.Set(0, 1);
        var two = one.Set(5, 2);
        Assert.Empty(empty);
        Assert.Equal([new KeyValuePair<long, double>(0, 1)], one);
        Assert.Equal([0L, 5L], two.Keys);
        Assert.Equal(5, two.LastStep);
        Assert.Null(empty.LastStep);
    }

    [Fact]
    public void TwoMapsGrownFromOneDoNotSeeEachOther()
    {
        var common = StepValues.Empty.Set(1, 1).Set(2, 2);
        var left = common.Set(3, 30);
        var right = common.Set(3, 300).Set(4, 400);
        var leftAgain = left.Set(4, 40);
        Assert.Equal([1.0, 2.0, 30.0], left.Values);
        Assert.Equal([1.0, 2.0, 300.0, 400.0], right.Values);
        Assert.Equal([1.0, 2.0, 30.0, 40.0], leftAgain.Values);
        Assert.Equal([1.0, 2.0], common.Values);
    }

    [Fact]
    public void EarlierStepsAreInsertedInOrderAndAStepAgainIsReplaced()
    {
        var map = StepValues.Empty.Set(10, 1).Set(2, 2).Set(7, 3).Set(2, 4).Set(-1, 5);
        Assert.Equal([-1L, 2L, 7L, 10L], map.Keys);
        Assert.Equal([5.0, 4.0, 3.0, 1.0], map.Values);
        Assert.Equal(4.0, map[2]);
        Assert.True(map.TryGetValue(7, out double seven));
        Assert.Equal(3.0, seven);
        Assert.False(map.ContainsKey(3));
        Assert.Equal("No value was reported at step 3.", Assert.Throws<KeyNotFoundException>(() => map[3]).Message);
    }

    [Fact]
    public void FromSortsAnyMapAndCopiesIt()
    {
        var source = new Dictionary<long, double> { [3] = 0.3, [1] = 0.1, [2] = double.NaN };
        var map = StepValues.From(source);
        source[0] = 9;
        Assert.Equal([1L, 2L, 3L], map.Keys);
        Assert.True(double.IsNaN(map[2]));
        Assert.Same(map, StepValues.From(map));
    }

    [Fact]
    public void ManyThreadsGrowingOneMapEachGetTheirOwn()
    {
        var common = StepValues.Empty.Set(0, 0);
        var grown = new StepValues[8];
        Parallel.For(0, grown.Length, i =>
        {
            var m = common;
            for (int step = 1; step <= 100; step++)
            {
                m = m.Set(step, (i * 1000) + step);
            }

            grown[i] = m;
        });
        for (int i = 0; i < grown.Length; i++)
        {
            Assert.Equal(Enumerable.Range(1, 100).Select(step => (double)((i * 1000) + step)), grown[i].Values.Skip(1));
        }
    }
}
