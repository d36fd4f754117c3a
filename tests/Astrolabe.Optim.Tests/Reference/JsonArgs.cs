using System.Text.Json;

namespace Astrolabe.Optim.Tests;

/// <summary>The keys of one JSON object, read by name; <see cref="EnsureAllUsed"/> fails on any key nobody read.</summary>
internal sealed class JsonArgs(JsonElement obj, string what)
{
    private readonly HashSet<string> used = [];

    public bool Has(string key) => obj.TryGetProperty(key, out var v) && v.ValueKind != JsonValueKind.Null;

    public JsonElement Get(string key)
    {
        used.Add(key);
        return obj.TryGetProperty(key, out var v) ? v : throw new InvalidDataException($"{what}: missing key '{key}'.");
    }

    public double D(string key, double fallback)
    {
        used.Add(key);
        if (!obj.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return fallback;
        }

        return v.ValueKind == JsonValueKind.String
            ? double.Parse(v.GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            : v.GetDouble();
    }

    public int I(string key, int fallback) => (int)D(key, fallback);

    public bool B(string key, bool fallback = false)
    {
        used.Add(key);
        return obj.TryGetProperty(key, out var v) && v.ValueKind != JsonValueKind.Null ? v.GetBoolean() : fallback;
    }

    public string S(string key, string fallback)
    {
        used.Add(key);
        return obj.TryGetProperty(key, out var v) && v.ValueKind != JsonValueKind.Null ? v.GetString()! : fallback;
    }

    public (double, double) Betas(double b1, double b2)
    {
        used.Add("betas");
        if (!obj.TryGetProperty("betas", out var v))
        {
            return (b1, b2);
        }

        return (v[0].GetDouble(), v[1].GetDouble());
    }

    public void EnsureAllUsed()
    {
        foreach (var p in obj.EnumerateObject())
        {
            if (!used.Contains(p.Name))
            {
                throw new InvalidDataException($"{what}: unknown key '{p.Name}'.");
            }
        }
    }
}
