namespace Astrolabe;

/// <summary>Maps a coordinate u in [0, 1) onto a distribution so that uniform u gives uniform values.</summary>
internal static class UnitInterval
{
    /// <summary>The internal value of <paramref name="distribution"/> at <paramref name="u"/>.</summary>
    public static double ToInternal(double u, Distribution distribution) => distribution switch
    {
        FloatDistribution { Log: true } f => Math.Clamp(Math.Exp(Lerp(Math.Log(f.Low), Math.Log(f.High), u)), f.Low, f.High),
        FloatDistribution { Step: { } s } f => f.Snap(f.Low + (Index(u, (long)Math.Round((f.High - f.Low) / s) + 1) * s)),
        FloatDistribution f => Math.Clamp(Lerp(f.Low, f.High, u), f.Low, f.High),
        IntDistribution { Log: true } i => i.Snap(Math.Exp(Lerp(Math.Log(i.Low - 0.5), Math.Log(i.High + 0.5), u))),
        IntDistribution i => i.Low + (Index(u, i.Count) * i.Step),
        CategoricalDistribution c => Index(u, c.Choices.Count),
        _ => throw new ArgumentException($"Unknown distribution {distribution}."),
    };

    private static double Lerp(double low, double high, double u) => low + (u * (high - low));

    private static long Index(double u, long count) => Math.Clamp((long)Math.Floor(u * count), 0, count - 1);
}
