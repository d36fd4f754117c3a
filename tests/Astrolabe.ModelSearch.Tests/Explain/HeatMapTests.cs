using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Xml.Linq;

namespace Astrolabe.ModelSearch.Tests.Explain;

public sealed class HeatMapTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("astrolabe-heatmap-").FullName;

    [Fact]
    public void ThePngIsValidAndShowsTheImageInGreyNextToTheAttributionInRedAndBlue()
    {
        // 2×3 image: value 0 (black) to 5 (white); attribution +2 at pixel 0 (full red), −1 at pixel 5 (half blue).
        float[] image = [0, 1, 2, 3, 4, 5];
        var a = new Attribution("test", [2, 0, 0, 0, 0, -1], [1, 2, 3], 1, 1, 0);
        string path = Path.Combine(folder, "a.png");
        HeatMap.WritePng(path, image, a);

        var (width, height, rgb) = DecodePng(File.ReadAllBytes(path));
        int s = HeatMap.PixelSize([1, 2, 3]);
        Assert.Equal(74, s);
        Assert.Equal((6 * s) + s, width);
        Assert.Equal(2 * s, height);
        Assert.Equal((0, 0, 0), Pixel(0, 0));
        Assert.Equal((255, 255, 255), Pixel((2 * s) + 1, s + 1));
        Assert.Equal((51, 51, 51), Pixel(s, 0)); // value 1 of 0–5
        Assert.Equal((255, 255, 255), Pixel((3 * s) + (s / 2), 0)); // the gap
        Assert.Equal((255, 0, 0), Pixel(4 * s, 0));
        Assert.Equal((128, 128, 255), Pixel((6 * s) + 1, (2 * s) - 1));
        Assert.Equal((255, 255, 255), Pixel(5 * s, 0)); // zero attribution

        (int, int, int) Pixel(int x, int y) => (rgb[((y * width) + x) * 3], rgb[(((y * width) + x) * 3) + 1], rgb[(((y * width) + x) * 3) + 2]);
    }

    [Fact]
    public void TheSvgHasOneSquarePerPixelAndPanelWithTheAttributionInItsTitle()
    {
        var (model, task) = Models.Digits;
        var sample = IntegratedGradientsTests.Row(task.Raw.Test, 0);
        var a = new IntegratedGradients().Explain(model, sample, AttributionTarget.Predicted);
        string path = Path.Combine(folder, "a.svg");
        HeatMap.WriteSvg(path, sample, a);
        var svg = XDocument.Load(path).Root!;
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(1 + (2 * 64), svg.Elements(ns + "rect").Count());
        int top = a.Top(1)[0];
        Assert.Contains(svg.Elements(ns + "rect"), r => r.Element(ns + "title")?.Value == a.Values[top].ToString("G4", System.Globalization.CultureInfo.InvariantCulture));

        HeatMap.WritePng(Path.Combine(folder, "a.png"), sample, a);
        Assert.Equal(8 * HeatMap.PixelSize([1, 8, 8]), DecodePng(File.ReadAllBytes(Path.Combine(folder, "a.png"))).Height);
    }

    [Fact]
    public void TabularAttributionsAndMismatchedImagesAreRejected()
    {
        var tabular = new Attribution("test", [1, 2], [2], 0, 1, 0);
        Assert.Contains("needs an image", Assert.Throws<ArgumentException>(() => HeatMap.WritePng(Path.Combine(folder, "x.png"), new float[2], tabular)).Message, StringComparison.Ordinal);
        var image = new Attribution("test", [1, 2, 3, 4], [1, 2, 2], 0, 1, 0);
        Assert.Throws<ArgumentException>(() => HeatMap.WriteSvg(Path.Combine(folder, "x.svg"), new float[3], image));
        Assert.False(File.Exists(Path.Combine(folder, "x.png")));
    }

    /// <summary>An independent reader of 8-bit RGB PNGs with filter 0: checks the signature and every chunk's CRC.</summary>
    private static (int Width, int Height, byte[] Rgb) DecodePng(byte[] png)
    {
        Assert.Equal([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], png[..8]);
        int at = 8, width = 0, height = 0;
        using var idat = new MemoryStream();
        var types = new List<string>();
        while (at < png.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            string type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
            var data = png.AsSpan(at + 8, length);
            Assert.Equal(BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at + 8 + length)), Crc32.HashToUInt32(png.AsSpan(at + 4, 4 + length)));
            types.Add(type);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                Assert.Equal([8, 2, 0, 0, 0], data[8..].ToArray());
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }

            at += 12 + length;
        }

        Assert.Equal(["IHDR", "IDAT", "IEND"], types);
        idat.Position = 0;
        using var z = new ZLibStream(idat, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        z.CopyTo(raw);
        var bytes = raw.ToArray();
        Assert.Equal(height * (1 + (width * 3)), bytes.Length);
        var rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
        {
            Assert.Equal(0, bytes[y * (1 + (width * 3))]);
            bytes.AsSpan((y * (1 + (width * 3))) + 1, width * 3).CopyTo(rgb.AsSpan(y * width * 3));
        }

        return (width, height, rgb);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
