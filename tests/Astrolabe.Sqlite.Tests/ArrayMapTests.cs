namespace Astrolabe.Sqlite.Tests;

public sealed class ArrayMapTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(20)]
    public void AMapFindsEachKeyAndNothingElse(int count)
    {
        var keys = Enumerable.Range(0, count).Select(i => $"k{count - i}").ToArray();
        var map = new ArrayMap<string, double>(new MapKeys<string>(keys), [.. Enumerable.Range(0, count).Select(i => i * 1.5)]);
        Assert.Equal(count, map.Count);
        Assert.Equal(keys, map.Keys);
        Assert.Equal(Enumerable.Range(0, count).Select(i => i * 1.5), map.Values);
        Assert.Equal(keys.Select((k, i) => new KeyValuePair<string, double>(k, i * 1.5)), map);
        for (int i = 0; i < count; i++)
        {
            Assert.Equal(i * 1.5, map[keys[i]]);
            Assert.True(map.TryGetValue(keys[i], out double v) && v == i * 1.5);
            Assert.True(map.ContainsKey(keys[i]));
        }

        Assert.False(map.ContainsKey("k0"));
        Assert.False(map.TryGetValue("K1", out _));
        Assert.Contains("'k0'", Assert.Throws<KeyNotFoundException>(() => map["k0"]).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KeysAreSharedWhileTheyStayTheSame()
    {
        MapKeys<long>? last = null;
        var first = MapKeys<long>.Reuse(ref last, [0, 1, 2]);
        Assert.Same(first, MapKeys<long>.Reuse(ref last, [0, 1, 2]));
        var other = MapKeys<long>.Reuse(ref last, [0, 2, 1]);
        Assert.NotSame(first, other);
        Assert.Equal([0L, 2L, 1L], other.All);
        Assert.Same(other, last);
    }

    [Fact]
    public void NeitherKeysNorValuesCanBeChangedThroughTheMap()
    {
        var map = new ArrayMap<string, double>(new MapKeys<string>(["a"]), [1.0]);
        Assert.IsNotType<string[]>(map.Keys, exactMatch: false);
        Assert.IsNotType<double[]>(map.Values, exactMatch: false);
    }
}
