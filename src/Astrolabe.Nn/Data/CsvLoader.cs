using System.Globalization;

namespace Astrolabe.Nn.Data;

/// <summary>
/// Loads numeric CSV files (comma- or whitespace-separated, optionally gzip-compressed) into a <see cref="Dataset"/>,
/// the label or target in one column and the features in the others.
/// </summary>
public static class CsvLoader
{
    /// <summary>Loads a classification dataset: the label column holds class indices.</summary>
    /// <param name="path">The file.</param>
    /// <param name="skipLines">Leading lines to skip (1 for scikit-learn's <c>n_rows,n_features,…</c> header).</param>
    /// <param name="labelColumn">The label column; negative counts from the end (default: last).</param>
    /// <returns>The dataset.</returns>
    public static Dataset LoadClassification(string path, int skipLines = 0, int labelColumn = -1)
    {
        var (features, labels, width) = Read(path, skipLines, labelColumn);
        var classes = labels.Select(v => (int)v).ToArray();
        for (int i = 0; i < labels.Count; i++)
        {
            if (classes[i] != labels[i] || classes[i] < 0)
            {
                throw new InvalidDataException($"{path}: row {i + 1} has label {labels[i]}, not a class index.");
            }
        }

        return new Dataset([.. features], [width], classes);
    }

    /// <summary>Loads a regression dataset: the target column holds real values.</summary>
    /// <param name="path">The file.</param>
    /// <param name="skipLines">Leading lines to skip.</param>
    /// <param name="targetColumn">The target column; negative counts from the end (default: last).</param>
    /// <returns>The dataset.</returns>
    public static Dataset LoadRegression(string path, int skipLines = 0, int targetColumn = -1)
    {
        var (features, targets, width) = Read(path, skipLines, targetColumn);
        return new Dataset([.. features], [width], targets: [.. targets]);
    }

    /// <summary>Reads every row of a numeric file as floats (no label column).</summary>
    /// <param name="path">The file.</param>
    /// <param name="skipLines">Leading lines to skip.</param>
    /// <returns>The rows.</returns>
    public static List<float[]> ReadRows(string path, int skipLines = 0)
    {
        var rows = new List<float[]>();
        using var reader = new StreamReader(DataFiles.Open(path));
        int lineNo = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNo++;
            if (lineNo <= skipLines || string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var cells = line.Split([',', ' ', '\t', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var row = new float[cells.Length];
            for (int j = 0; j < cells.Length; j++)
            {
                if (!float.TryParse(cells[j], NumberStyles.Float, CultureInfo.InvariantCulture, out row[j]))
                {
                    throw new InvalidDataException($"{path}: line {lineNo}, column {j + 1}: '{cells[j]}' is not a number.");
                }
            }

            if (rows.Count > 0 && row.Length != rows[0].Length)
            {
                throw new InvalidDataException($"{path}: line {lineNo} has {row.Length} columns, expected {rows[0].Length}.");
            }

            rows.Add(row);
        }

        return rows.Count > 0 ? rows : throw new InvalidDataException($"{path}: no data rows.");
    }

    private static (List<float> Features, List<float> Labels, int Width) Read(string path, int skipLines, int column)
    {
        var rows = ReadRows(path, skipLines);
        int cols = rows[0].Length;
        int c = column < 0 ? cols + column : column;
        if (c < 0 || c >= cols || cols < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(column), $"{path}: column {column} does not exist in {cols} columns.");
        }

        var features = new List<float>(rows.Count * (cols - 1));
        var labels = new List<float>(rows.Count);
        foreach (var row in rows)
        {
            for (int j = 0; j < cols; j++)
            {
                if (j == c)
                {
                    labels.Add(row[j]);
                }
                else
                {
                    features.Add(row[j]);
                }
            }
        }

        return (features, labels, cols - 1);
    }
}
