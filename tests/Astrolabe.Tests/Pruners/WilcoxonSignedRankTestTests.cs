namespace Astrolabe.Tests.Pruners;

/// <summary>
/// Expected values from SciPy 1.10 <c>scipy.stats.wilcoxon(d, zero_method="zsplit", alternative=…, method=…)</c>
/// (exact where there is no zero and no tie, "approx" otherwise), erfc from Python's <c>math.erfc</c>, and
/// CRC-32 from <c>binascii.crc32</c>.
/// </summary>
public sealed class WilcoxonSignedRankTestTests
{
    private static readonly double[] Eight = [1.5, 2.25, -0.5, 3.0, 0.75, 4.0, -1.25, 2.5];

    private static readonly double[] Twenty =
    [
        2.440919, -2.155665, 0.818099, -0.16777, -0.052649, 0.184403, -1.619986, 0.168068, -0.465213, 3.723,
        0.625787, 0.047369, 0.118713, -0.268046, -0.655151, 0.009199, 0.881945, 0.161446, 1.357759, 0.200198,
    ];

    private static readonly double[] Sixty =
    [
        0.22426, 1.745821, 0.745106, -0.305229, 0.017161, 0.740525, 2.135088, -0.06962, -0.043559, 1.202314,
        -0.68646, -0.09172, 1.082539, 0.78035, 0.291517, 0.870104, -2.628162, 1.221307, -0.759645, -1.46862,
        0.476446, 0.900545, -0.244767, -0.876406, 0.226125, 0.147253, 1.605598, 0.947408, 0.393816, 1.311633,
        -0.005523, -0.7259, 0.784058, 0.782538, -0.014829, -0.582809, 0.429154, -2.293894, 0.890125, 0.691368,
        -1.438857, 0.261354, -0.7641, 0.957221, -1.834167, -0.714495, 0.90958, 1.356401, -1.958005, -0.29804,
        0.52802, -0.409216, 1.79064, -0.991227, 0.554532, -0.848406, 1.605963, 0.178349, -0.172251, -1.518185,
    ];

    public static TheoryData<double[], bool, double> Cases => new()
    {
        { Eight, true, 0.02734375 }, // 7/256, worked out in WilcoxonPrunerTests
        { Eight, false, 0.98046875 },
        { [0.1, 0.2, 0.3], true, 0.125 }, // all positive: 1/2³
        { Twenty, true, 0.1649913787841797 }, // exact, R+ = 132
        { [1.0, 1.0, -2.0, 3.0, 3.0, 3.0, -1.0, 4.0, 5.0, 2.0], true, 0.01565389895427011 }, // ties
        { [0.0, 0.0, 1.0, -2.0, 3.5, 2.5, 4.0, -0.5, 1.5, 6.0, 0.25, 7.0], true, 0.018779693628144092 }, // zeros split
        { [0.0, 0.0, 0.0, 0.0], true, 0.5 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void PValuesMatchSciPy(double[] d, bool greater, double expected) =>
        Assert.Equal(expected, WilcoxonSignedRankTest.PValue(d, greater ? SignedRankAlternative.Greater : SignedRankAlternative.Less), 1e-12);

    [Fact]
    public void LargeSamplesUseTheNormalApproximation()
    {
        // 60 > 50 differences: SciPy's method "approx" gives R+ = 1085 and p = 0.8946189315208928 ("less").
        Assert.Equal(0.8946189315208928, WilcoxonSignedRankTest.PValue(Sixty, SignedRankAlternative.Less), 1e-12);
    }

    [Fact]
    public void ExactTailsSumToOneWithTheCentre()
    {
        // P(R+ ≥ r) + P(R+ ≤ r − 1) = 1 for every r.
        for (int r = 0; r <= 55; r++)
        {
            double sum = WilcoxonSignedRankTest.ExactPValue(10, r, SignedRankAlternative.Greater) + WilcoxonSignedRankTest.ExactPValue(10, r - 1, SignedRankAlternative.Less);
            Assert.Equal(1, sum, 1e-15);
        }
    }

    [Fact]
    public void AnEmptySampleHasNoPValue() => Assert.True(double.IsNaN(WilcoxonSignedRankTest.PValue([], SignedRankAlternative.Greater)));

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(0.5, 0.4795001221869535)]
    [InlineData(1.0, 0.15729920705028513)]
    [InlineData(2.0, 0.004677734981047265)]
    [InlineData(2.9, 4.109787809945886e-05)]
    [InlineData(3.0, 2.2090496998585438e-05)]
    [InlineData(3.5, 7.430983723414128e-07)]
    [InlineData(5.0, 1.5374597944280351e-12)]
    [InlineData(10.0, 2.088487583762545e-45)]
    [InlineData(-1.0, 1.842700792949715)]
    public void ErfcMatchesPython(double x, double expected) =>
        Assert.Equal(expected, NormalDistribution.Erfc(x), expected * 1e-13);

    [Fact]
    public void NormalTailsMatchSciPy()
    {
        Assert.Equal(0.024997895148220435, NormalDistribution.Cdf(-1.96), 1e-15);
        Assert.Equal(0.00010779973347738823, NormalDistribution.Sf(3.7), 1e-17);
    }

    [Theory]
    [InlineData("123456789", 3421780262u)] // the CRC-32 check value
    [InlineData("demo_0", 3796420134u)]
    [InlineData("demo_17", 2706093816u)]
    [InlineData("hb-study_42", 682851440u)]
    public void Crc32MatchesZlib(string text, uint expected) => Assert.Equal(expected, Crc32.Compute(text));
}
