namespace Astrolabe.Nn.Tests.Quantization;

/// <summary>Post-training quantisation of whole networks: agreement with fp32, the plan, persistence and bad input.</summary>
public sealed class QuantizedNetworkTests
{
    private static Tensor Normal(int seed, params int[] shape)
    {
        var rng = new Rng(seed);
        var data = new float[shape.Aggregate(1, (a, b) => a * b)];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = (float)rng.NextNormal();
        }

        return new Tensor(data, shape);
    }

    /// <summary>A BatchNorm with running statistics far from 0/1, so folding it matters.</summary>
    private static BatchNorm Norm(int channels, int seed)
    {
        var bn = new BatchNorm(channels);
        var rng = new Rng(seed);
        for (int c = 0; c < channels; c++)
        {
            bn.RunningMean[c] = (float)(rng.NextNormal() * 0.3);
            bn.RunningVar[c] = (float)(0.5 + rng.NextDouble());
            bn.Weight.Data[c] = (float)(0.5 + rng.NextDouble());
            bn.Bias.Data[c] = (float)(rng.NextNormal() * 0.2);
        }

        return bn;
    }

    internal static Sequential Mlp() => new(
        new Linear(20, 64, rng: new Rng(1)), Norm(64, 2), new ReLU(), new Dropout(0.3f, new Rng(3)),
        new Linear(64, 32, rng: new Rng(4)), new ReLU(),
        new Linear(32, 5, rng: new Rng(5)));

    internal static Sequential Cnn() => new(
        new Conv2d(2, 8, 3, padding: 1, rng: new Rng(1)), Norm(8, 2), new ReLU(), new MaxPool2d(2),
        new Conv2d(8, 16, 3, padding: 1, rng: new Rng(3)), new ReLU(), new MaxPool2d(2),
        new Flatten(), new Linear(16 * 2 * 3, 24, rng: new Rng(4)), new ReLU(), new Linear(24, 4, rng: new Rng(5)));

    private static (float MaxError, float Range, double Agreement) Compare(Sequential net, Tensor x, QuantizedNetwork q)
    {
        net.Eval();
        Tensor expected;
        using (GradMode.NoGrad())
        {
            expected = net.Forward(x);
        }

        var actual = q.Forward(x);
        int rows = x.Dim(0), outputs = q.OutputSize;
        float maxError = 0, lo = float.MaxValue, hi = float.MinValue;
        int agree = 0;
        for (int i = 0; i < rows; i++)
        {
            var e = expected.Data.AsSpan(i * outputs, outputs);
            var a = actual.Data.AsSpan(i * outputs, outputs);
            for (int j = 0; j < outputs; j++)
            {
                maxError = Math.Max(maxError, Math.Abs(e[j] - a[j]));
                lo = Math.Min(lo, e[j]);
                hi = Math.Max(hi, e[j]);
            }

            agree += ArgMax(e) == ArgMax(a) ? 1 : 0;
        }

        return (maxError, hi - lo, (double)agree / rows);
    }

    private static int ArgMax(ReadOnlySpan<float> row)
    {
        int best = 0;
        for (int j = 1; j < row.Length; j++)
        {
            best = row[j] > row[best] ? j : best;
        }

        return best;
    }

    [Fact]
    public void MlpWithFoldedBatchNormTracksFp32()
    {
        var net = Mlp();
        var q = QuantizedNetwork.Quantize(net, Normal(7, 256, 20));
        var (error, range, agreement) = Compare(net, Normal(8, 300, 20), q);
        Assert.True(error < 0.03 * range, $"max error {error} over an output range of {range}");
        Assert.True(agreement >= 0.97, $"argmax agreement {agreement}");
        Assert.Equal(3, q.Int8Layers);
        Assert.Equal(0, q.FloatLayers);
    }

    [Fact]
    public void CnnWithPoolingAndFlattenTracksFp32()
    {
        var net = Cnn();
        var q = QuantizedNetwork.Quantize(net, Normal(7, 64, 2, 8, 12));
        var (error, range, agreement) = Compare(net, Normal(9, 200, 2, 8, 12), q);
        Assert.True(error < 0.03 * range, $"max error {error} over an output range of {range}");
        Assert.True(agreement >= 0.95, $"argmax agreement {agreement}");
        Assert.Equal(4, q.Int8Layers);
        Assert.Contains(q.Steps, s => s.StartsWith("int8 max pool", StringComparison.Ordinal));
    }

    [Fact]
    public void LayersWithoutInt8KernelRunInFp32BetweenExplicitSteps()
    {
        var net = new Sequential(
            new Linear(10, 16, rng: new Rng(1)), new GELU(), new Linear(16, 16, rng: new Rng(2)), new LayerNorm([16]), new ReLU(),
            new Linear(16, 3, rng: new Rng(3)));
        var q = QuantizedNetwork.Quantize(net, Normal(4, 128, 10));
        Assert.Equal(3, q.Int8Layers);
        Assert.Equal(2, q.FloatLayers); // GELU and LayerNorm; the ReLU before the last Linear is its quantise step's clamp
        Assert.DoesNotContain(q.Steps, s => s.Contains("ReLU", StringComparison.Ordinal));
        Assert.Equal(3, q.Steps.Count(s => s.StartsWith("quantize", StringComparison.Ordinal)));
        var (error, range, _) = Compare(net, Normal(5, 100, 10), q);
        Assert.True(error < 0.05 * range, $"max error {error} over an output range of {range}");

        var e = Assert.Throws<ArgumentException>(() => QuantizedNetwork.Quantize(net, Normal(4, 16, 10), new QuantizationOptions { RequireFullInt8 = true }));
        Assert.Contains("GELU", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ChosenLayersStayFp32AndTheRestRunInt8()
    {
        var net = Cnn();
        var calibration = Normal(7, 64, 2, 8, 12);
        var x = Normal(9, 100, 2, 8, 12);
        var all = QuantizedNetwork.Quantize(net, calibration);
        var firstAndLast = QuantizedNetwork.Quantize(net, calibration, new QuantizationOptions { FloatLayers = [0, 10] });
        Assert.Equal(2, firstAndLast.Int8Layers);
        Assert.Equal(5, firstAndLast.FloatLayers); // conv 0 with its BatchNorm, ReLU and pooling, and linear 10 (linear 8 keeps its fused ReLU)
        var (error, range, agreement) = Compare(net, x, firstAndLast);
        Assert.True(error < 0.03 * range && agreement >= 0.95, $"max error {error} over {range}, agreement {agreement}");
        Assert.True(firstAndLast.ParameterBytes > all.ParameterBytes);
        var e = Assert.Throws<ArgumentException>(() => QuantizedNetwork.Quantize(net, calibration, new QuantizationOptions { FloatLayers = [2] }));
        Assert.Contains("only Linear and Conv2d", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FewerBitsGiveACoarserButStillCloseNetwork()
    {
        var net = Mlp();
        var x = Normal(8, 200, 20);
        var eight = Compare(net, x, QuantizedNetwork.Quantize(net, Normal(7, 256, 20)));
        var four = Compare(net, x, QuantizedNetwork.Quantize(net, Normal(7, 256, 20), new QuantizationOptions { WeightBits = 4, ActivationBits = 6 }));
        Assert.True(four.MaxError > eight.MaxError, $"4-bit error {four.MaxError} vs 8-bit {eight.MaxError}");
        Assert.True(four.MaxError < 0.3 * four.Range);
    }

    [Fact]
    public void HistogramCalibrationClipsAnOutlierThatMinMaxKeeps()
    {
        var observerMinMax = new ActivationObserver(CalibrationMethod.MinMax, 99.99);
        var observerHistogram = new ActivationObserver(CalibrationMethod.Histogram, 99.9);
        var values = Normal(3, 100_000).Data;
        values[17] = 1000f;
        observerMinMax.Observe(values, "test");
        observerHistogram.Observe(values, "test");
        var wide = observerMinMax.Range(8, "test");
        var clipped = observerHistogram.Range(8, "test");
        Assert.True(wide.Scale > 3.9f, $"min/max scale {wide.Scale}");
        Assert.True(clipped.Scale < 0.05f, $"histogram scale {clipped.Scale}");
        Assert.InRange(clipped.Dequantize(clipped.Max), 2.5f, 4.5f);
    }

    [Fact]
    public void ConstantActivationsAndZeroChannelsDoNotDivideByZero()
    {
        var net = new Sequential(new Linear(4, 3, rng: new Rng(1)), new ReLU(), new Linear(3, 2, rng: new Rng(2)));
        Array.Clear(((Linear)net.Layers[0]).Weight.Data);
        Array.Clear(((Linear)net.Layers[0]).Bias!.Data);
        var q = QuantizedNetwork.Quantize(net, new Tensor(new float[8 * 4], [8, 4]));
        var y = q.Forward(Normal(1, 3, 4));
        Assert.All(y.Data, v => Assert.True(float.IsFinite(v)));
        var bias = ((Linear)net.Layers[2]).Bias!.Data;
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(bias[0], y.Data[i * 2], 2);
            Assert.Equal(bias[1], y.Data[(i * 2) + 1], 2);
        }
    }

    [Fact]
    public void BadCalibrationAndOptionsAreClearErrors()
    {
        var net = Mlp();
        Assert.Contains("at least one sample", Assert.Throws<ArgumentException>(() => QuantizedNetwork.Quantize(net, new Tensor([], [0, 20]))).Message, StringComparison.Ordinal);
        var nan = Normal(1, 4, 20);
        nan.Data[5] = float.NaN;
        Assert.Contains("non-finite", Assert.Throws<ArgumentException>(() => QuantizedNetwork.Quantize(net, nan)).Message, StringComparison.Ordinal);
        Assert.Contains("cannot take", Assert.Throws<ArgumentException>(() => QuantizedNetwork.Quantize(net, Normal(1, 4, 7))).Message, StringComparison.Ordinal);
        Assert.Contains("2–8", Assert.Throws<ArgumentException>(() => QuantizedNetwork.Quantize(net, Normal(1, 4, 20), new QuantizationOptions { WeightBits = 9 })).Message, StringComparison.Ordinal);
        Assert.Contains("2–8", Assert.Throws<ArgumentException>(() => QuantizedNetwork.Quantize(net, Normal(1, 4, 20), new QuantizationOptions { ActivationBits = 1 })).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => QuantizedNetwork.Quantize(net, Normal(1, 4, 20), new QuantizationOptions { Percentile = 40 }));

        var broken = Mlp();
        ((Linear)broken.Layers[4]).Weight.Data[3] = float.PositiveInfinity;
        Assert.Contains("not finite", Assert.Throws<ArgumentException>(() => QuantizedNetwork.Quantize(broken, Normal(1, 4, 20))).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1f, 0, "scale")]
    [InlineData(float.NaN, 0, "scale")]
    [InlineData(0.1f, 300, "zero point")]
    public void AStoredRangeWithABadScaleOrZeroPointIsRefusedWhenRead(float scale, int zeroPoint, string expected)
    {
        var net = new Sequential(new Linear(3, 2, rng: new Rng(1)));
        var good = QuantizedNetwork.Quantize(net, Normal(1, 8, 3));
        using var stream = new MemoryStream();
        good.Save(stream);
        stream.Position = 0;
        Assert.Equal(good.Forward(Normal(2, 4, 3)).Data, QuantizedNetwork.Load(stream, net).Forward(Normal(2, 4, 3)).Data);

        // The same network with its input range replaced, written and read back.
        var steps = new QuantStep[] { new QuantizeStep(new QuantRange(scale, zeroPoint, 0, 255), [3]), new DequantizeStep(new QuantRange(0.1f, 0, 0, 255), [3]) };
        using var bad = new MemoryStream();
        QuantizedNetwork.Create(steps, [3], net).Save(bad);
        bad.Position = 0;
        Assert.Contains(expected, Assert.Throws<InvalidDataException>(() => QuantizedNetwork.Load(bad, net)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ForwardChecksLengthsAndRunsManyRowsInFixedBatches()
    {
        var net = Mlp();
        var q = QuantizedNetwork.Quantize(net, Normal(7, 64, 20));
        Assert.Throws<ArgumentException>(() => q.Forward(new float[21], new float[5]));
        Assert.Throws<ArgumentException>(() => q.Forward(new float[20], new float[4]));
        var x = Normal(2, 1000, 20);
        var all = q.Forward(x).Data;
        var one = new float[5];
        q.Forward(x.Data.AsSpan(999 * 20, 20), one);
        Assert.Equal(all.AsSpan(999 * 5, 5).ToArray(), one);
    }
}
