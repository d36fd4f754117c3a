namespace Astrolabe.Testing.Storages;

/// <summary>Compares trials read from two storages field by field (ids differ between storages, so they are left out).</summary>
public static class TrialAssert
{
    /// <summary>Asserts that both lists hold the same trials in the same order.</summary>
    public static void SameTrials(IReadOnlyList<FrozenTrial> expected, IReadOnlyList<FrozenTrial> actual)
    {
        Assert.Equal(expected.Select(t => t.Number), actual.Select(t => t.Number));
        for (int i = 0; i < expected.Count; i++)
        {
            Same(expected[i], actual[i]);
        }
    }

    private static void Same(FrozenTrial e, FrozenTrial a)
    {
        string where = $"trial {e.Number}";
        Assert.True(e.State == a.State, $"{where}: state {a.State}, expected {e.State}");
        Assert.Equal(e.Values, a.Values);
        Assert.Equal(e.InternalParams.Keys, a.InternalParams.Keys);
        Assert.Equal(e.InternalParams.Values, a.InternalParams.Values);
        Assert.Equal(e.Distributions.Keys, a.Distributions.Keys);
        Assert.Equal(e.Distributions.Values, a.Distributions.Values);
        Assert.Equal(e.IntermediateValues.Keys, a.IntermediateValues.Keys);
        Assert.Equal(e.IntermediateValues.Values, a.IntermediateValues.Values);
        Assert.Equal(Json(e.UserAttrs), Json(a.UserAttrs));
        Assert.Equal(Json(e.SystemAttrs), Json(a.SystemAttrs));
        Assert.Equal(e.DatetimeStart, a.DatetimeStart);
        Assert.Equal(e.DatetimeComplete, a.DatetimeComplete);
    }

    /// <summary>Attributes in key order as stored JSON, so that arrays and lists of the same values compare equal.</summary>
    private static string[] Json(IReadOnlyDictionary<string, object?> attrs) =>
        [.. attrs.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={JsonValues.Serialize(kv.Value)}")];
}
