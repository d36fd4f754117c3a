using System.Buffers.Binary;

namespace Astrolabe.Nn.Data;

/// <summary>
/// Loads IDX files (the MNIST format: big-endian magic 2051 for unsigned-byte images, 2049 for labels, then the
/// dimensions), optionally gzip-compressed.
/// </summary>
public static class IdxLoader
{
    /// <summary>Loads images and labels as a dataset of [1, rows, cols] samples with pixels scaled to [0, 1].</summary>
    /// <param name="imagesPath">The images file (magic 2051).</param>
    /// <param name="labelsPath">The labels file (magic 2049).</param>
    /// <returns>The dataset.</returns>
    public static Dataset Load(string imagesPath, string labelsPath)
    {
        var (pixels, count, rows, cols) = ReadImages(imagesPath);
        var labels = ReadLabels(labelsPath);
        if (labels.Length != count)
        {
            throw new InvalidDataException($"{imagesPath} holds {count} images but {labelsPath} {labels.Length} labels.");
        }

        var f = new float[pixels.Length];
        for (int i = 0; i < f.Length; i++)
        {
            f[i] = pixels[i] / 255f;
        }

        return new Dataset(f, [1, rows, cols], labels);
    }

    /// <summary>Reads an unsigned-byte image file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The raw pixels and the dimensions.</returns>
    public static (byte[] Pixels, int Count, int Rows, int Cols) ReadImages(string path)
    {
        using var s = DataFiles.Open(path);
        var header = ReadExactly(s, 16, path);
        Expect(BinaryPrimitives.ReadInt32BigEndian(header), 2051, path);
        int n = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4));
        int rows = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(8));
        int cols = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(12));
        return (ReadExactly(s, checked(n * rows * cols), path), n, rows, cols);
    }

    /// <summary>Reads an unsigned-byte label file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The labels.</returns>
    public static int[] ReadLabels(string path)
    {
        using var s = DataFiles.Open(path);
        var header = ReadExactly(s, 8, path);
        Expect(BinaryPrimitives.ReadInt32BigEndian(header), 2049, path);
        int n = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4));
        return Array.ConvertAll(ReadExactly(s, n, path), b => (int)b);
    }

    private static void Expect(int magic, int expected, string path)
    {
        if (magic != expected)
        {
            throw new InvalidDataException($"{path}: IDX magic {magic}, expected {expected}.");
        }
    }

    private static byte[] ReadExactly(Stream s, int n, string path)
    {
        var buffer = new byte[n];
        try
        {
            s.ReadExactly(buffer);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"{path}: file ends before {n} more bytes.", e);
        }

        return buffer;
    }
}
