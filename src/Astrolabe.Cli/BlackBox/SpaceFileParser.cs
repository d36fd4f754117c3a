using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Astrolabe.Cli.BlackBox;

/// <summary>
/// Reads a search-space file (YAML, or JSON, which is read as YAML). Every problem is reported with the
/// file, the line and the field, e.g. <c>space.yaml:7: parameter 'lr': field 'low': expected a number, got 'abc'</c>.
/// </summary>
public static class SpaceFileParser
{
    /// <summary>The format, as shown by <c>astrolabe optimize --help</c>.</summary>
    public const string FormatHelp = """
        Search-space file (YAML or JSON):
          direction: minimize            # or maximize; several objectives: directions: [minimize, maximize]
          sampler: {type: random, seed: 1}
          pruner: {type: nop}
          parameters:
            optimizer: {type: categorical, choices: [adam, sgd]}
            lr:        {type: float, low: 1.0e-5, high: 0.1, log: true}
            momentum:  {type: float, low: 0.0, high: 0.99, step: 0.01, when: {optimizer: sgd}}
            layers:    {type: int, low: 1, high: 4}
        Parameters are suggested in file order; 'when' makes one conditional on earlier values
        (a value or a list of values per name). Types: float (low, high, log, step), int (low, high,
        log, step), categorical (choices). Samplers: random, tpe, cmaes, qmc, gp, auto, nsga2, nsga3, bruteforce; pruners: nop,
        median, percentile, threshold, successive_halving, hyperband, wilcoxon (options in snake_case).
        """;

    private static readonly string[] TopFields = ["direction", "directions", "sampler", "pruner", "parameters"];
    private static readonly string[] ParameterFields = ["type", "low", "high", "log", "step", "choices", "when"];

    /// <summary>Reads and validates a file.</summary>
    public static SpaceFile Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new SpaceFileException($"The search-space file '{path}' does not exist.");
        }

        return Parse(File.ReadAllText(path), Path.GetFileName(path));
    }

    /// <summary>Reads and validates a file's text; <paramref name="source"/> names it in messages.</summary>
    public static SpaceFile Parse(string text, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new SpaceFileException($"{source}:{e.Start.Line}: {e.Message}", e);
        }

        var reader = new Reader(source);
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new SpaceFileException($"{source}:1: expected a mapping with 'parameters' (and optionally 'direction', 'sampler', 'pruner').");
        }

        var top = reader.Fields(root, "the file", TopFields);
        var directions = ReadDirections(reader, top);
        if (!top.TryGetValue("parameters", out var parametersNode) || parametersNode is not YamlMappingNode parameters || parameters.Children.Count == 0)
        {
            throw new SpaceFileException($"{source}:{root.Start.Line}: field 'parameters': expected a mapping of at least one parameter.");
        }

        var specs = new List<ParameterSpec>();
        foreach (var (keyNode, valueNode) in parameters.Children)
        {
            string name = reader.Text(keyNode, "parameter name");
            specs.Add(ReadParameter(reader, name, valueNode, specs));
        }

        return new SpaceFile(
            directions,
            specs,
            top.TryGetValue("sampler", out var s) ? reader.Component(s, "sampler") : null,
            top.TryGetValue("pruner", out var p) ? reader.Component(p, "pruner") : null);
    }

    private static StudyDirection[] ReadDirections(Reader reader, Dictionary<string, YamlNode> top)
    {
        if (top.ContainsKey("direction") && top.TryGetValue("directions", out var both))
        {
            throw new SpaceFileException($"{reader.Source}:{both.Start.Line}: give 'direction' or 'directions', not both.");
        }

        if (top.TryGetValue("directions", out var many))
        {
            if (many is not YamlSequenceNode seq || seq.Children.Count == 0)
            {
                throw new SpaceFileException($"{reader.Source}:{many.Start.Line}: field 'directions': expected a list such as [minimize, maximize].");
            }

            return seq.Children.Select(n => reader.Direction(n)).ToArray();
        }

        return [top.TryGetValue("direction", out var one) ? reader.Direction(one) : StudyDirection.Minimize];
    }

    private static ParameterSpec ReadParameter(Reader reader, string name, YamlNode node, List<ParameterSpec> earlier)
    {
        string where = $"parameter '{name}'";
        if (node is not YamlMappingNode map)
        {
            throw new SpaceFileException($"{reader.Source}:{node.Start.Line}: {where}: expected a mapping such as {{type: float, low: 0, high: 1}}.");
        }

        var f = reader.Fields(map, where, ParameterFields);
        string type = f.TryGetValue("type", out var t) ? reader.Text(t, $"{where}: field 'type'") : throw new SpaceFileException($"{reader.Source}:{map.Start.Line}: {where}: field 'type' is missing (float, int or categorical).");
        long line = map.Start.Line;
        try
        {
            Distribution distribution = type switch
            {
                "float" => new FloatDistribution(
                    reader.Number(f, "low", where),
                    reader.Number(f, "high", where),
                    reader.Flag(f, "log", where),
                    f.ContainsKey("step") ? reader.Number(f, "step", where) : null),
                "int" => new IntDistribution(
                    reader.Integer(f, "low", where),
                    reader.Integer(f, "high", where),
                    reader.Flag(f, "log", where),
                    f.ContainsKey("step") ? reader.Integer(f, "step", where) : 1),
                "categorical" => new CategoricalDistribution(reader.Choices(f, where)),
                _ => throw new SpaceFileException($"{reader.Source}:{t.Start.Line}: {where}: field 'type': unknown type '{type}' (float, int or categorical)."),
            };
            return new ParameterSpec(name, distribution, f.TryGetValue("when", out var w) ? reader.Condition(w, where, earlier) : null, line);
        }
        catch (ArgumentException e)
        {
            throw new SpaceFileException($"{reader.Source}:{line}: {where}: {e.Message}", e);
        }
    }

    /// <summary>Typed access to YAML nodes with file-and-line errors.</summary>
    private sealed class Reader(string source)
    {
        public string Source { get; } = source;

        private long mapLine = 1;

        public Dictionary<string, YamlNode> Fields(YamlMappingNode map, string where, string[] allowed)
        {
            mapLine = map.Start.Line;
            var result = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
            foreach (var (k, v) in map.Children)
            {
                string key = Text(k, $"{where}: field name");
                if (!allowed.Contains(key))
                {
                    throw new SpaceFileException($"{Source}:{k.Start.Line}: {where}: unknown field '{key}' (expected one of: {string.Join(", ", allowed)}).");
                }

                result[key] = v;
            }

            return result;
        }

        public string Text(YamlNode node, string what) =>
            node is YamlScalarNode { Value: { } v } ? v : throw new SpaceFileException($"{Source}:{node.Start.Line}: {what}: expected a single value.");

        public StudyDirection Direction(YamlNode node) => Text(node, "direction") switch
        {
            "minimize" => StudyDirection.Minimize,
            "maximize" => StudyDirection.Maximize,
            var other => throw new SpaceFileException($"{Source}:{node.Start.Line}: field 'direction': expected minimize or maximize, got '{other}'."),
        };

        public double Number(Dictionary<string, YamlNode> f, string field, string where)
        {
            var node = Required(f, field, where);
            return Scalar(node) is long or double ? Convert.ToDouble(Scalar(node), CultureInfo.InvariantCulture)
                : throw new SpaceFileException($"{Source}:{node.Start.Line}: {where}: field '{field}': expected a number, got '{Text(node, field)}'.");
        }

        public long Integer(Dictionary<string, YamlNode> f, string field, string where)
        {
            var node = Required(f, field, where);
            return Scalar(node) is long l ? l
                : throw new SpaceFileException($"{Source}:{node.Start.Line}: {where}: field '{field}': expected an integer, got '{Text(node, field)}'.");
        }

        public bool Flag(Dictionary<string, YamlNode> f, string field, string where) =>
            !f.TryGetValue(field, out var node) ? false
            : Scalar(node) is bool b ? b
            : throw new SpaceFileException($"{Source}:{node.Start.Line}: {where}: field '{field}': expected true or false, got '{Text(node, field)}'.");

        public List<object?> Choices(Dictionary<string, YamlNode> f, string where)
        {
            var node = Required(f, "choices", where);
            return node is YamlSequenceNode seq
                ? seq.Children.Select(Scalar).ToList()
                : throw new SpaceFileException($"{Source}:{node.Start.Line}: {where}: field 'choices': expected a list such as [adam, sgd].");
        }

        public Dictionary<string, IReadOnlyList<object?>> Condition(YamlNode node, string where, List<ParameterSpec> earlier)
        {
            if (node is not YamlMappingNode map)
            {
                throw new SpaceFileException($"{Source}:{node.Start.Line}: {where}: field 'when': expected a mapping such as {{optimizer: sgd}}.");
            }

            var result = new Dictionary<string, IReadOnlyList<object?>>();
            foreach (var (k, v) in map.Children)
            {
                string name = Text(k, $"{where}: field 'when'");
                if (earlier.All(p => p.Name != name))
                {
                    throw new SpaceFileException($"{Source}:{k.Start.Line}: {where}: field 'when': '{name}' is not a parameter defined above this one.");
                }

                result[name] = v is YamlSequenceNode seq ? seq.Children.Select(Scalar).ToList() : [Scalar(v)];
            }

            return result;
        }

        public ComponentSpec Component(YamlNode node, string what)
        {
            if (node is YamlScalarNode)
            {
                return new ComponentSpec(Text(node, what), new Dictionary<string, ScalarValue>(), node.Start.Line);
            }

            if (node is not YamlMappingNode map)
            {
                throw new SpaceFileException($"{Source}:{node.Start.Line}: field '{what}': expected a name or a mapping such as {{type: random, seed: 1}}.");
            }

            string? type = null;
            var options = new Dictionary<string, ScalarValue>(StringComparer.Ordinal);
            foreach (var (k, v) in map.Children)
            {
                string key = Text(k, $"field '{what}'");
                if (key == "type")
                {
                    type = Text(v, $"field '{what}': type");
                }
                else
                {
                    options[key] = new ScalarValue(v is YamlSequenceNode seq ? seq.Children.Select(Scalar).ToList() : Scalar(v), v.Start.Line);
                }
            }

            return new ComponentSpec(type ?? throw new SpaceFileException($"{Source}:{map.Start.Line}: field '{what}': 'type' is missing."), options, map.Start.Line);
        }

        private YamlNode Required(Dictionary<string, YamlNode> f, string field, string where) =>
            f.TryGetValue(field, out var node) ? node : throw new SpaceFileException($"{Source}:{mapLine}: {where}: field '{field}' is missing.");

        private object? Scalar(YamlNode node)
        {
            if (node is not YamlScalarNode s)
            {
                throw new SpaceFileException($"{Source}:{node.Start.Line}: expected a single value.");
            }

            string v = s.Value ?? "";
            if (s.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted)
            {
                return v;
            }

            return v switch
            {
                "" or "~" or "null" or "Null" or "NULL" => null,
                "true" or "True" or "TRUE" => true,
                "false" or "False" or "FALSE" => false,
                _ when long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out long l) => l,
                _ when double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) => d,
                _ => v,
            };
        }
    }
}
