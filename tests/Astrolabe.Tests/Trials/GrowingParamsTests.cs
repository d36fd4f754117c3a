namespace Astrolabe.Tests.Trials;

public sealed class GrowingParamsTests
{
    [Fact]
    public void AViewHoldsWhatWasAddedBeforeItInOrderAndNothingAddedAfter()
    {
        var log = new GrowingParams<double>();
        var empty = log.View();
        log.Add("b", 2);
        log.Add("a", 1);
        var two = log.View();
        for (int i = 0; i < 100; i++)
        {
            log.Add($"p{i}", i);
        }

        Assert.Empty(empty);
        Assert.Equal(2, two.Count);
        Assert.Equal(["b", "a"], two.Keys);
        Assert.Equal([2.0, 1.0], two.Values);
        Assert.Equal([new KeyValuePair<string, double>("b", 2), new("a", 1)], two);
        Assert.True(two.ContainsKey("a"));
        Assert.False(two.ContainsKey("p0"));
        Assert.False(two.TryGetValue("p5", out _));
        Assert.True(two.TryGetValue("b", out double b));
        Assert.Equal(2, b);
        Assert.Equal(1, two["a"]);
        Assert.Contains("no parameter 'p7'", Assert.Throws<KeyNotFoundException>(() => two["p7"]).Message, StringComparison.Ordinal);
        Assert.Equal(102, log.View().Count);
        Assert.Equal(99, log.View()["p99"]);
    }
}
