namespace Astrolabe.Nn.Tests.Quantization;

/// <summary>
/// The int8 convolution step against a naive loop over the same bytes, for every window geometry the patch gathering
/// handles differently: one channel (runs shorter than a copy block) and many (longer), stride 1 and 2, padding 0–2
/// (taps outside the image take the input's zero point), kernels 1, 3 and 5, images so small that no window lies
/// wholly inside, several images per kernel call.
/// </summary>
public sealed class ConvStepTests
{
    [Theory]
    [InlineData(1, 9, 7, 3, 1, 1, 5)]
    [InlineData(1, 28, 28, 3, 1, 1, 20)]
    [InlineData(20, 14, 14, 3, 1, 1, 32)]
    [InlineData(3, 11, 9, 5, 2, 2, 7)]
    [InlineData(17, 6, 5, 3, 2, 0, 16)]
    [InlineData(6, 5, 5, 1, 1, 0, 9)]
    [InlineData(2, 4, 4, 3, 1, 2, 3)]
    [InlineData(1, 2, 2, 3, 1, 1, 4)]
    [InlineData(5, 3, 2, 5, 2, 2, 6)]
    public void MatchesANaiveLoopOverTheSameBytes(int channels, int height, int width, int kernel, int stride, int padding, int outChannels)
    {
        var rng = new Rng(channels * 1000 + height);
        int k = kernel * kernel * channels;
        var values = new sbyte[outChannels * k];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (sbyte)(rng.NextInt(255) - 127);
        }

        var scales = Enumerable.Range(0, outChannels).Select(i => 0.01f + (0.001f * i)).ToArray();
        var bias = Enumerable.Range(0, outChannels).Select(i => (float)rng.NextNormal()).ToArray();
        var weights = new QuantizedWeights(values, scales, bias, outChannels, k, "conv");
        var input = new QuantRange(0.05f, 37, 0, 255);
        var geometry = new WindowGeometry(channels, height, width, kernel, stride, padding);
        var step = new ConvStep(weights, geometry, input, output: null, relu: false, "conv");

        const int Images = 7;
        var bytes = new byte[Images * step.InputSize];
        for (int i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)rng.NextInt(256);
        }

        var inBuffers = new StepBuffers();
        inBuffers.Ensure(true, bytes.Length);
        bytes.CopyTo(inBuffers.Bytes, 0);
        var outBuffers = new StepBuffers();
        outBuffers.Ensure(false, Images * step.OutputSize);
        step.Run(inBuffers, Images, outBuffers);

        int outH = ((height + (2 * padding) - kernel) / stride) + 1, outW = ((width + (2 * padding) - kernel) / stride) + 1;
        for (int b = 0; b < Images; b++)
        {
            for (int o = 0; o < outChannels; o++)
            {
                for (int oy = 0; oy < outH; oy++)
                {
                    for (int ox = 0; ox < outW; ox++)
                    {
                        long acc = 0;
                        for (int ky = 0; ky < kernel; ky++)
                        {
                            for (int kx = 0; kx < kernel; kx++)
                            {
                                int iy = (oy * stride) - padding + ky, ix = (ox * stride) - padding + kx;
                                bool inside = iy >= 0 && iy < height && ix >= 0 && ix < width;
                                for (int c = 0; c < channels; c++)
                                {
                                    int x = inside ? bytes[(b * step.InputSize) + (((iy * width) + ix) * channels) + c] : input.ZeroPoint;
                                    acc += (x - input.ZeroPoint) * values[(o * k) + (((ky * kernel) + kx) * channels) + c];
                                }
                            }
                        }

                        double expected = (acc * (double)input.Scale * scales[o]) + bias[o];
                        float actual = outBuffers.Floats[(b * step.OutputSize) + (((o * outH) + oy) * outW) + ox];
                        Assert.True(Math.Abs(actual - expected) <= 1e-4 * (1 + Math.Abs(expected)), $"image {b} channel {o} ({oy}, {ox}): {actual} vs {expected}");
                    }
                }
            }
        }
    }
}
