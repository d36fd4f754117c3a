namespace Astrolabe.Cli.Tests.Output;

public sealed class FormatTests
{
    [Fact]
    public void NonFiniteNumbersAreSpelledInfAndNanEverywhere()
    {
        Assert.Equal("inf", Format.Value(double.PositiveInfinity));
        Assert.Equal("-inf", Format.Value(double.NegativeInfinity));
        Assert.Equal("nan", Format.Value(double.NaN));
        Assert.Equal("nan", Format.Param(double.NaN));
        Assert.Equal("0.125", Format.Value(0.125));
    }
}
