namespace Astrolabe.Tests.Distributions;

public sealed class DistributionValidationTests
{
    [Theory]
    [InlineData(2.0, 1.0, false, null, "low bound must be less than or equal to the high bound, got low=2 > high=1")]
    [InlineData(0.0, 1.0, true, null, "log-scale distribution needs low > 0, got low=0")]
    [InlineData(-1.0, 1.0, true, null, "log-scale distribution needs low > 0, got low=-1")]
    [InlineData(0.0, 1.0, false, 0.3, "step 0.3 does not divide the range [0, 1]")]
    [InlineData(0.0, 1.0, false, -0.5, "step must be a positive finite number, got step=-0.5")]
    [InlineData(0.1, 1.0, true, 0.1, "cannot be both on a log scale and stepped")]
    [InlineData(double.NaN, 1.0, false, null, "must be finite")]
    public void InvalidFloatSpacesSayWhatIsWrong(double low, double high, bool log, double? step, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => new FloatDistribution(low, high, log, step));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(5, 1, false, 1, "got low=5 > high=1")]
    [InlineData(0, 10, true, 1, "log-scale int distribution needs low >= 1, got low=0")]
    [InlineData(0, 10, false, 3, "step 3 does not divide the range [0, 10]")]
    [InlineData(0, 10, false, 0, "step must be a positive integer, got step=0")]
    [InlineData(1, 16, true, 3, "cannot be both on a log scale and stepped (step=3)")]
    public void InvalidIntSpacesSayWhatIsWrong(long low, long high, bool log, long step, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => new IntDistribution(low, high, log, step));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidCategoricalSpacesSayWhatIsWrong()
    {
        Assert.Contains("needs at least one choice", Assert.Throws<ArgumentException>(() => new CategoricalDistribution([])).Message, StringComparison.Ordinal);
        Assert.Contains("'a' appears twice", Assert.Throws<ArgumentException>(() => new CategoricalDistribution(["a", "b", "a"])).Message, StringComparison.Ordinal);
        Assert.Contains("'1' appears twice", Assert.Throws<ArgumentException>(() => new CategoricalDistribution([1, 1.0])).Message, StringComparison.Ordinal);
        Assert.Contains("got Object", Assert.Throws<ArgumentException>(() => new CategoricalDistribution([new object()])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidSpacesKeepTheirShape()
    {
        var f = new FloatDistribution(0, 1, step: 0.25);
        Assert.True(f.Contains(0.75));
        Assert.False(f.Contains(0.7));
        Assert.Equal(0.5, f.Snap(0.55));
        var i = new IntDistribution(2, 10, step: 2);
        Assert.Equal(5, i.Count);
        Assert.False(i.Contains(3));
        var c = new CategoricalDistribution(["a", null, true, 2]);
        Assert.Equal(1, c.IndexOf(null));
        Assert.Equal(3, c.IndexOf(2L));
        Assert.Contains("'b' is not one of the choices", Assert.Throws<ArgumentException>(() => c.IndexOf("b")).Message, StringComparison.Ordinal);
        Assert.True(new FloatDistribution(3, 3).IsSingle);
    }

    [Fact]
    public void SameChoiceComparesNumbersByValue()
    {
        Assert.True(CategoricalDistribution.SameChoice(1, 1L));
        Assert.True(CategoricalDistribution.SameChoice(1, 1.0));
        Assert.True(CategoricalDistribution.SameChoice(0.5f, 0.5));
        Assert.True(CategoricalDistribution.SameChoice(null, null));
        Assert.False(CategoricalDistribution.SameChoice("1", 1L));
        Assert.False(CategoricalDistribution.SameChoice(true, 1L));
        Assert.False(CategoricalDistribution.SameChoice("sgd", "SGD"));
    }

    [Fact]
    public void DistributionsRoundTripThroughJson()
    {
        Distribution[] all =
        [
            new FloatDistribution(1e-5, 0.1, log: true),
            new FloatDistribution(-1, 1, step: 0.5),
            new FloatDistribution(2, 2),
            new IntDistribution(1, 1024, log: true),
            new IntDistribution(0, 12, step: 4),
            new CategoricalDistribution(["x", 1, 2.0, false, null]),
        ];
        foreach (var d in all)
        {
            Assert.Equal(d, DistributionJson.Deserialize(DistributionJson.Serialize(d)));
        }

        var cat = (CategoricalDistribution)DistributionJson.Deserialize(DistributionJson.Serialize(all[^1]));
        Assert.IsType<double>(cat.Choices[2]);
        Assert.IsType<long>(cat.Choices[1]);
    }

    [Fact]
    public void CorruptedDistributionJsonIsAFormatError()
    {
        Assert.Contains("Unknown distribution type 'gamma'", Assert.Throws<FormatException>(() => DistributionJson.Deserialize("{\"type\":\"gamma\"}")).Message, StringComparison.Ordinal);
        Assert.Contains("Invalid distribution", Assert.Throws<FormatException>(() => DistributionJson.Deserialize("{\"type\":\"float\",\"low\":3,\"high\":1}")).Message, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => DistributionJson.Deserialize("{not json"));
    }
}
