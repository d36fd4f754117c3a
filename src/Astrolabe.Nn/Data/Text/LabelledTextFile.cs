using System.Globalization;

namespace Astrolabe.Nn.Data.Text;

/// <summary>
/// Reads labelled texts with a fixed split from a tab-separated file (gzip handled): a header naming the columns
/// <c>split</c> (<c>train</c>, <c>validation</c> or <c>test</c>), <c>label</c> (a class index ≥ 0) and <c>text</c>,
/// and optionally one more column that names the class (e.g. <c>book</c>). No quoting: texts hold no tab or newline.
/// </summary>
public static class LabelledTextFile
{
    /// <summary>Loads the three parts.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The parts and the class names (by label; the label's digits when the file has no name column).</returns>
    /// <exception cref="InvalidDataException">A missing column, a row with the wrong number of cells, an unknown split, a bad label, a class with two names.</exception>
    public static LabelledTextSplit Load(string path)
    {
        using var reader = new StreamReader(DataFiles.Open(path));
        var header = (reader.ReadLine() ?? throw new InvalidDataException($"{path}: empty file.")).Split('\t');
        int split = Column(header, "split", path), label = Column(header, "label", path), text = Column(header, "text", path);
        if (header.Length is not (3 or 4))
        {
            throw new InvalidDataException($"{path}: expected the columns split, label, text and at most one class-name column; got {string.Join(", ", header)}.");
        }

        int name = header.Length == 4 ? Enumerable.Range(0, 4).Single(c => c != split && c != label && c != text) : -1;

        var parts = new Dictionary<string, (List<string> Texts, List<int> Labels)>(StringComparer.Ordinal)
        {
            ["train"] = ([], []), ["validation"] = ([], []), ["test"] = ([], []),
        };
        var names = new SortedDictionary<int, string>();
        int lineNo = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNo++;
            var cells = line.Split('\t');
            if (cells.Length != header.Length)
            {
                throw new InvalidDataException($"{path}: line {lineNo} has {cells.Length} cells, expected {header.Length}.");
            }

            if (!parts.TryGetValue(cells[split], out var part))
            {
                throw new InvalidDataException($"{path}: line {lineNo}: split '{cells[split]}' is not train, validation or test.");
            }

            if (!int.TryParse(cells[label], NumberStyles.None, CultureInfo.InvariantCulture, out int y))
            {
                throw new InvalidDataException($"{path}: line {lineNo}: label '{cells[label]}' is not a class index.");
            }

            string className = name >= 0 ? cells[name] : y.ToString(CultureInfo.InvariantCulture);
            if (names.TryGetValue(y, out var known) && known != className)
            {
                throw new InvalidDataException($"{path}: line {lineNo}: class {y} is named both '{known}' and '{className}'.");
            }

            names[y] = className;
            part.Texts.Add(cells[text]);
            part.Labels.Add(y);
        }

        LabelledTexts Part(string key) => new(parts[key].Texts, [.. parts[key].Labels]);
        int classes = names.Count == 0 ? 0 : names.Keys.Max() + 1;
        var classNames = Enumerable.Range(0, classes).Select(c => names.GetValueOrDefault(c, c.ToString(CultureInfo.InvariantCulture))).ToArray();
        return new LabelledTextSplit(Part("train"), Part("validation"), Part("test"), classNames);
    }

    private static int Column(string[] header, string name, string path)
    {
        int c = Array.IndexOf(header, name);
        return c >= 0 ? c : throw new InvalidDataException($"{path}: no '{name}' column in the header ({string.Join(", ", header)}).");
    }
}

/// <summary>Texts with one class index each.</summary>
/// <param name="Texts">The texts.</param>
/// <param name="Labels">The classes, one per text.</param>
public sealed record LabelledTexts(IReadOnlyList<string> Texts, int[] Labels)
{
    /// <summary>The number of texts.</summary>
    public int Count => Texts.Count;
}

/// <summary>The train, validation and test texts of a file and its class names.</summary>
/// <param name="Train">The training texts.</param>
/// <param name="Validation">The validation texts.</param>
/// <param name="Test">The test texts.</param>
/// <param name="ClassNames">The name of each class, by label.</param>
public sealed record LabelledTextSplit(LabelledTexts Train, LabelledTexts Validation, LabelledTexts Test, IReadOnlyList<string> ClassNames);
