namespace Astrolabe.Nn;

/// <summary>A square-kernel convolution's or pooling's input [C, H, W], kernel, stride and padding.</summary>
internal readonly record struct WindowGeometry(int Channels, int Height, int Width, int Kernel, int Stride, int Padding)
{
    /// <summary>The output's height and width.</summary>
    /// <exception cref="InvalidDataException">The values do not make a valid window (e.g. from a damaged file).</exception>
    public (int Height, int Width) OutputSize(string name)
    {
        if (Channels <= 0 || Height <= 0 || Width <= 0 || Kernel <= 0 || Stride <= 0 || Padding < 0 || Padding >= Kernel + Height)
        {
            throw new InvalidDataException($"{name}: input [{Channels}, {Height}, {Width}] with kernel {Kernel}, stride {Stride}, padding {Padding} is not a valid window.");
        }

        int h = ((Height + (2 * Padding) - Kernel) / Stride) + 1, w = ((Width + (2 * Padding) - Kernel) / Stride) + 1;
        if (h <= 0 || w <= 0)
        {
            throw new InvalidDataException($"{name}: a {Kernel}×{Kernel} window does not fit a {Height}×{Width} input.");
        }

        return (h, w);
    }

    public void Write(BinaryWriter w)
    {
        w.Write(Channels);
        w.Write(Height);
        w.Write(Width);
        w.Write(Kernel);
        w.Write(Stride);
        w.Write(Padding);
    }

    public static WindowGeometry Read(BinaryReader r, string name)
    {
        var g = new WindowGeometry(r.ReadInt32(), r.ReadInt32(), r.ReadInt32(), r.ReadInt32(), r.ReadInt32(), r.ReadInt32());
        _ = g.OutputSize(name);
        return g;
    }
}
