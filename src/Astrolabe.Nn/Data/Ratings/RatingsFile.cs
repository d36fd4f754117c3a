using System.Globalization;

namespace Astrolabe.Nn.Data.Ratings;

/// <summary>
/// Reads ratings with a fixed split from a CSV file (gzip handled) with the header <c>split,user,item,rating</c>:
/// split is <c>train</c>, <c>validation</c> or <c>test</c>, user and item are ids ≥ 0.
/// </summary>
public static class RatingsFile
{
    /// <summary>Loads the three parts; all share user and item counts of 1 + the largest id in the file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The parts.</returns>
    /// <exception cref="InvalidDataException">A wrong header, a row with the wrong number of cells, an unknown split, a bad number.</exception>
    public static RatingsSplit Load(string path)
    {
        using var reader = new StreamReader(DataFiles.Open(path));
        string header = reader.ReadLine() ?? throw new InvalidDataException($"{path}: empty file.");
        if (header.Trim() != "split,user,item,rating")
        {
            throw new InvalidDataException($"{path}: the header is '{header}', expected 'split,user,item,rating'.");
        }

        var parts = new Dictionary<string, (List<int> U, List<int> I, List<float> R)>(StringComparer.Ordinal)
        {
            ["train"] = ([], [], []), ["validation"] = ([], [], []), ["test"] = ([], [], []),
        };
        int users = 0, items = 0, lineNo = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNo++;
            var cells = line.Split(',');
            if (cells.Length != 4)
            {
                throw new InvalidDataException($"{path}: line {lineNo} has {cells.Length} cells, expected 4.");
            }

            if (!parts.TryGetValue(cells[0], out var part))
            {
                throw new InvalidDataException($"{path}: line {lineNo}: split '{cells[0]}' is not train, validation or test.");
            }

            if (!int.TryParse(cells[1], NumberStyles.None, CultureInfo.InvariantCulture, out int u)
                || !int.TryParse(cells[2], NumberStyles.None, CultureInfo.InvariantCulture, out int i)
                || !float.TryParse(cells[3], NumberStyles.Float, CultureInfo.InvariantCulture, out float r))
            {
                throw new InvalidDataException($"{path}: line {lineNo}: '{line}' is not split,user,item,rating with ids ≥ 0.");
            }

            part.U.Add(u);
            part.I.Add(i);
            part.R.Add(r);
            users = Math.Max(users, u + 1);
            items = Math.Max(items, i + 1);
        }

        RatingsDataset Part(string key) => new([.. parts[key].U], [.. parts[key].I], [.. parts[key].R], Math.Max(1, users), Math.Max(1, items));
        return new RatingsSplit(Part("train"), Part("validation"), Part("test"));
    }
}

/// <summary>Train, validation and test ratings.</summary>
/// <param name="Train">The training ratings.</param>
/// <param name="Validation">The validation ratings.</param>
/// <param name="Test">The test ratings.</param>
public sealed record RatingsSplit(RatingsDataset Train, RatingsDataset Validation, RatingsDataset Test);
