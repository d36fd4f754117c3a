using System.Globalization;
using System.Text;

namespace Astrolabe.ModelSearch;

/// <summary>
/// Renders an image sample's attribution as a heat map next to the image: on the left the image in grey (the mean
/// of its channels, darkest value black, brightest white), on the right the attribution summed over channels on a
/// diverging scale (white at zero, red for positive, blue for negative, full colour at the largest magnitude). Each
/// pixel becomes a square of <see cref="PixelSize"/> output pixels, with a white gap between the panels.
/// </summary>
public static class HeatMap
{
    /// <summary>The side in output pixels of one image pixel: panels of about 224 pixels, at least 4 per pixel.</summary>
    /// <param name="sampleShape">The image shape <c>[channels, height, width]</c>.</param>
    /// <returns>The side.</returns>
    public static int PixelSize(int[] sampleShape)
    {
        ArgumentNullException.ThrowIfNull(sampleShape);
        return Math.Max(4, 224 / Math.Max(sampleShape[^1], sampleShape[^2]));
    }

    /// <summary>Writes the image and its heat map as a PNG file.</summary>
    /// <param name="path">The destination (overwritten).</param>
    /// <param name="image">The raw image values.</param>
    /// <param name="attribution">Its attribution (same shape, rank 3).</param>
    /// <exception cref="ArgumentException">Not an image, or the sizes differ.</exception>
    public static void WritePng(string path, ReadOnlySpan<float> image, Attribution attribution)
    {
        var (grey, heat, height, width) = Panels(image, attribution);
        int s = PixelSize(attribution.SampleShape), gap = s, w = (2 * width * s) + gap, h = height * s;
        var rgb = new byte[w * h * 3];
        rgb.AsSpan().Fill(255);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                byte g = Grey(grey[(y * width) + x]);
                Fill(rgb, w, x * s, y * s, s, (g, g, g));
                Fill(rgb, w, (width * s) + gap + (x * s), y * s, s, Diverging(heat[(y * width) + x]));
            }
        }

        using var file = File.Create(path);
        Png.Write(file, w, h, rgb);
    }

    /// <summary>Writes the image and its heat map as an SVG file (one square per pixel, with the attribution in each square's title).</summary>
    /// <param name="path">The destination (overwritten).</param>
    /// <param name="image">The raw image values.</param>
    /// <param name="attribution">Its attribution (same shape, rank 3).</param>
    /// <exception cref="ArgumentException">Not an image, or the sizes differ.</exception>
    public static void WriteSvg(string path, ReadOnlySpan<float> image, Attribution attribution)
    {
        var (grey, heat, height, width) = Panels(image, attribution);
        int s = PixelSize(attribution.SampleShape), gap = s, w = (2 * width * s) + gap, h = height * s;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" shape-rendering=\"crispEdges\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<title>{attribution.Method}{(attribution.TargetClass is { } c ? $", class {c}" : "")}</title>\n<rect width=\"{w}\" height=\"{h}\" fill=\"#fff\"/>\n");
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int i = (y * width) + x;
                byte g = Grey(grey[i]);
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x * s}\" y=\"{y * s}\" width=\"{s}\" height=\"{s}\" fill=\"{Hex((g, g, g))}\"/>\n");
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{(width * s) + gap + (x * s)}\" y=\"{y * s}\" width=\"{s}\" height=\"{s}\" fill=\"{Hex(Diverging(heat[i]))}\"><title>{heat[i] * heat.MaxMagnitude:G4}</title></rect>\n");
            }
        }

        svg.Append("</svg>\n");
        File.WriteAllText(path, svg.ToString());
    }

    /// <summary>The grey image scaled to [0, 1] and the channel-summed attribution scaled to [−1, 1] (with the scale).</summary>
    private static (double[] Grey, Scaled Heat, int Height, int Width) Panels(ReadOnlySpan<float> image, Attribution attribution)
    {
        ArgumentNullException.ThrowIfNull(attribution);
        var shape = attribution.SampleShape;
        if (shape.Length != 3)
        {
            throw new ArgumentException($"A heat map needs an image [channels, height, width]; the sample is [{string.Join(", ", shape)}].", nameof(attribution));
        }

        if (image.Length != attribution.Values.Length)
        {
            throw new ArgumentException($"The image has {image.Length} values; the attribution {attribution.Values.Length}.", nameof(image));
        }

        int channels = shape[0], height = shape[1], width = shape[2], plane = height * width;
        var grey = new double[plane];
        var heat = new double[plane];
        for (int c = 0; c < channels; c++)
        {
            for (int i = 0; i < plane; i++)
            {
                grey[i] += image[(c * plane) + i] / (double)channels;
                heat[i] += attribution.Values[(c * plane) + i];
            }
        }

        double lo = grey.Min(), hi = grey.Max();
        for (int i = 0; i < plane; i++)
        {
            grey[i] = hi > lo ? (grey[i] - lo) / (hi - lo) : 0;
        }

        return (grey, new Scaled(heat), height, width);
    }

    private static byte Grey(double v) => (byte)Math.Round(255 * Math.Clamp(v, 0, 1));

    private static (byte R, byte G, byte B) Diverging(double t)
    {
        byte fade = (byte)Math.Round(255 * (1 - Math.Min(1, Math.Abs(t))));
        return t >= 0 ? ((byte)255, fade, fade) : (fade, fade, (byte)255);
    }

    private static string Hex((byte R, byte G, byte B) c) => string.Create(CultureInfo.InvariantCulture, $"#{c.R:x2}{c.G:x2}{c.B:x2}");

    private static void Fill(byte[] rgb, int stride, int x0, int y0, int size, (byte R, byte G, byte B) color)
    {
        for (int y = y0; y < y0 + size; y++)
        {
            for (int x = x0; x < x0 + size; x++)
            {
                int o = ((y * stride) + x) * 3;
                rgb[o] = color.R;
                rgb[o + 1] = color.G;
                rgb[o + 2] = color.B;
            }
        }
    }

    /// <summary>Values divided by their largest magnitude (all zeros stay zeros).</summary>
    private sealed class Scaled
    {
        private readonly double[] _values;

        public Scaled(double[] values)
        {
            MaxMagnitude = values.Length == 0 ? 0 : values.Max(Math.Abs);
            _values = values;
        }

        public double MaxMagnitude { get; }

        public double this[int i] => MaxMagnitude > 0 ? _values[i] / MaxMagnitude : 0;
    }
}
