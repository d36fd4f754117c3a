namespace Astrolabe.Nn.Tests.Kernels;

/// <summary>Element-wise comparison of two convolution paths' outputs and gradients.</summary>
internal static class ConvAssert
{
    /// <summary>Both null, or the same length with every element within <paramref name="tolerance"/> (absolute plus relative).</summary>
    public static void Close(float[]? expected, float[]? actual, float tolerance)
    {
        Assert.Equal(expected is null, actual is null);
        if (expected is null)
        {
            return;
        }

        Assert.Equal(expected.Length, actual!.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance + (tolerance * Math.Abs(expected[i])), $"element {i}: {actual[i]} instead of {expected[i]}");
        }
    }

    /// <summary><see cref="Close"/> for each pair of the two paths' results.</summary>
    public static void AllClose(float[]?[] expected, float[]?[] actual, float tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Close(expected[i], actual[i], tolerance);
        }
    }
}
