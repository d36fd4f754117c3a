using System.Globalization;

namespace Astrolabe.Cli.BlackBox;

/// <summary>
/// Builds the sampler and pruner a space file names, with their options in snake_case. An unknown name or
/// option, or a value of the wrong kind, is a <see cref="SpaceFileException"/> naming the line.
/// </summary>
public static class Components
{
    private static readonly Dictionary<string, Func<OptionReader, Sampler>> Samplers = new(StringComparer.Ordinal)
    {
        ["random"] = o => new RandomSampler(new RandomSamplerOptions { Seed = o.Int("seed") }),
        ["bruteforce"] = o => new BruteForceSampler(new BruteForceSamplerOptions { Seed = o.Int("seed") }),
    };

    private static readonly Dictionary<string, Func<OptionReader, Pruner>> Pruners = new(StringComparer.Ordinal)
    {
        ["nop"] = _ => new NopPruner(),
    };

    /// <summary>The sampler of the file (random when none is named); <paramref name="seed"/> overrides the file's seed when given.</summary>
    public static Sampler CreateSampler(ComponentSpec? spec, string source, int? seed = null)
    {
        spec ??= new ComponentSpec("random", new Dictionary<string, ScalarValue>(), 0);
        return Create(Samplers, spec, source, "sampler", seed);
    }

    /// <summary>The pruner of the file (none when not named).</summary>
    public static Pruner CreatePruner(ComponentSpec? spec, string source) =>
        spec is null ? new NopPruner() : Create(Pruners, spec, source, "pruner", null);

    private static T Create<T>(Dictionary<string, Func<OptionReader, T>> registry, ComponentSpec spec, string source, string what, int? seed)
    {
        if (!registry.TryGetValue(spec.Type, out var factory))
        {
            throw new SpaceFileException($"{source}:{spec.Line}: field '{what}': unknown type '{spec.Type}' (known: {string.Join(", ", registry.Keys)}).");
        }

        var reader = new OptionReader(spec, source, what, seed);
        try
        {
            var result = factory(reader);
            reader.EnsureAllUsed();
            return result;
        }
        catch (ArgumentException e)
        {
            throw new SpaceFileException($"{source}:{spec.Line}: field '{what}': {e.Message}", e);
        }
    }

    /// <summary>Reads options by name, remembering which were used so leftovers can be reported.</summary>
    internal sealed class OptionReader(ComponentSpec spec, string source, string what, int? seed)
    {
        private readonly HashSet<string> used = new(StringComparer.Ordinal);

        public int? Int(string name)
        {
            if (name == "seed" && seed is not null)
            {
                used.Add(name);
                return seed;
            }

            return Get(name) is { } v ? v.Value is long l && l is >= int.MinValue and <= int.MaxValue ? (int)l : throw Wrong(name, v, "an integer") : null;
        }

        public double? Double(string name) =>
            Get(name) is { } v ? v.Value is long or double ? Convert.ToDouble(v.Value, CultureInfo.InvariantCulture) : throw Wrong(name, v, "a number") : null;

        public bool? Bool(string name) =>
            Get(name) is { } v ? v.Value is bool b ? b : throw Wrong(name, v, "true or false") : null;

        public string? Text(string name) =>
            Get(name) is { } v ? v.Value as string ?? throw Wrong(name, v, "a name") : null;

        public void EnsureAllUsed()
        {
            var unknown = spec.Options.Keys.FirstOrDefault(k => !used.Contains(k));
            if (unknown is not null)
            {
                throw new SpaceFileException($"{source}:{spec.Options[unknown].Line}: field '{what}': unknown option '{unknown}' for type '{spec.Type}'.");
            }
        }

        private ScalarValue? Get(string name)
        {
            used.Add(name);
            return spec.Options.TryGetValue(name, out var v) ? v : null;
        }

        private SpaceFileException Wrong(string name, ScalarValue v, string expected) =>
            new($"{source}:{v.Line}: field '{what}': option '{name}': expected {expected}, got '{v.Value}'.");
    }
}
