using System.Globalization;

namespace Astrolabe.ModelSearch;

/// <summary>Input values that <see cref="PermutationImportance"/> permutes together (with one row permutation), and their name.</summary>
/// <param name="Name">How tables name the group (e.g. "feature 3", "pixel (4, 17)", "rows 0–3, columns 4–7").</param>
/// <param name="Features">The indices of its values within a sample (row-major in the sample's shape).</param>
public sealed record FeatureGroup(string Name, int[] Features)
{
    /// <summary>
    /// One group per input value: "feature j" for tabular samples, "pixel (y, x)" for one-channel images and
    /// "value (c, y, x)" for several channels.
    /// </summary>
    /// <param name="sampleShape">The sample's shape.</param>
    /// <returns>The groups.</returns>
    public static IReadOnlyList<FeatureGroup> Each(int[] sampleShape)
    {
        ArgumentNullException.ThrowIfNull(sampleShape);
        int size = sampleShape.Aggregate(1, (a, b) => a * b);
        return [.. Enumerable.Range(0, size).Select(i => new FeatureGroup(NameOf(sampleShape, i), [i]))];
    }

    /// <summary>
    /// For images <c>[channels, height, width]</c>: one group per <paramref name="patch"/>×<paramref name="patch"/>
    /// square (smaller at the right and bottom edges), all channels together, left to right and top to bottom;
    /// patch 1 gives single pixels. Permuting single pixels is defined but says little (a neighbour carries
    /// nearly the same information); patches say which regions matter.
    /// </summary>
    /// <param name="sampleShape">The image shape, rank 3.</param>
    /// <param name="patch">The patch side (positive).</param>
    /// <returns>The groups.</returns>
    /// <exception cref="ArgumentException">The shape is not an image's.</exception>
    public static IReadOnlyList<FeatureGroup> Patches(int[] sampleShape, int patch)
    {
        ArgumentNullException.ThrowIfNull(sampleShape);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(patch);
        if (sampleShape.Length != 3)
        {
            throw new ArgumentException($"Patches need image samples [channels, height, width]; these are [{string.Join(", ", sampleShape)}].", nameof(sampleShape));
        }

        int channels = sampleShape[0], height = sampleShape[1], width = sampleShape[2];
        var groups = new List<FeatureGroup>();
        for (int y0 = 0; y0 < height; y0 += patch)
        {
            for (int x0 = 0; x0 < width; x0 += patch)
            {
                int y1 = Math.Min(height, y0 + patch), x1 = Math.Min(width, x0 + patch);
                var features = new List<int>();
                for (int c = 0; c < channels; c++)
                {
                    for (int y = y0; y < y1; y++)
                    {
                        for (int x = x0; x < x1; x++)
                        {
                            features.Add((((c * height) + y) * width) + x);
                        }
                    }
                }

                string name = patch == 1
                    ? string.Create(CultureInfo.InvariantCulture, $"pixel ({y0}, {x0})")
                    : string.Create(CultureInfo.InvariantCulture, $"rows {y0}–{y1 - 1}, columns {x0}–{x1 - 1}");
                groups.Add(new FeatureGroup(name, [.. features]));
            }
        }

        return groups;
    }

    /// <summary>The name of input value <paramref name="index"/> of a sample of <paramref name="sampleShape"/>.</summary>
    /// <param name="sampleShape">The sample's shape.</param>
    /// <param name="index">The value's index, row-major.</param>
    /// <returns>"feature j", "pixel (y, x)" or "value (c, y, x)".</returns>
    public static string NameOf(int[] sampleShape, int index)
    {
        ArgumentNullException.ThrowIfNull(sampleShape);
        if (sampleShape.Length != 3)
        {
            return string.Create(CultureInfo.InvariantCulture, $"feature {index}");
        }

        int height = sampleShape[1], width = sampleShape[2];
        int x = index % width, y = index / width % height, c = index / (width * height);
        return sampleShape[0] == 1
            ? string.Create(CultureInfo.InvariantCulture, $"pixel ({y}, {x})")
            : string.Create(CultureInfo.InvariantCulture, $"value ({c}, {y}, {x})");
    }
}
