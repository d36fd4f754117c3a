namespace Astrolabe.Sqlite.Tests;

/// <summary>Reading whole studies from a file written by another storage object (nothing cached).</summary>
public sealed class StudyLoadTests : IDisposable
{
    private static readonly StudyDirection[] Two = [StudyDirection.Minimize, StudyDirection.Maximize];
    private static readonly StudyDirection[] One = [StudyDirection.Minimize];
    private readonly TempDatabase file = new();

    [Fact]
    public void StudiesWrittenInTurnAreEachReadWholeExactly()
    {
        // Two studies written trial for trial (as two optimizations running at once), so that neither has a
        // range of trial ids of its own, and more trials each than one batch of ids.
        var expected = new InMemoryStorage();
        using (var s = new SqliteStorage(file.Path))
        {
            int a = s.CreateStudy("a", Two), b = s.CreateStudy("b", Two), other = s.CreateStudy("other", One);
            int ea = expected.CreateStudy("a", Two), eb = expected.CreateStudy("b", Two), eOther = expected.CreateStudy("other", One);
            for (int i = 0; i < 450; i++)
            {
                MixedTrials.Write(s, a, other, i, i + 1);
                MixedTrials.Write(s, b, other, i, i + 1);
                MixedTrials.Write(expected, ea, eOther, i, i + 1);
                MixedTrials.Write(expected, eb, eOther, i, i + 1);
            }
        }

        using var cold = new SqliteStorage(file.Path);
        foreach (string name in new[] { "a", "b", "other" })
        {
            TrialAssert.SameTrials(expected.GetAllTrials(expected.GetStudyId(name)), cold.GetAllTrials(cold.GetStudyId(name)));
        }
    }

    [Fact]
    public void StudiesWrittenOneAfterAnotherAreEachReadWholeExactly()
    {
        // The later study holds less than half of all trial ids, the earlier one more: they are read in
        // different ways, and each must come back whole.
        var expected = new InMemoryStorage();
        using (var s = new SqliteStorage(file.Path))
        {
            foreach (var (name, count) in new[] { ("early", 500), ("late", 450) })
            {
                MixedTrials.Write(s, s.CreateStudy(name, Two), s.CreateStudy($"{name} other", One), 0, count);
                MixedTrials.Write(expected, expected.CreateStudy(name, Two), expected.CreateStudy($"{name} other", One), 0, count);
            }
        }

        using var cold = new SqliteStorage(file.Path);
        foreach (string name in new[] { "late", "early", "late other" })
        {
            TrialAssert.SameTrials(expected.GetAllTrials(expected.GetStudyId(name)), cold.GetAllTrials(cold.GetStudyId(name)));
        }
    }

    [Fact]
    public void TrialsShareNoListOrDictionaryAttribute()
    {
        using (var s = new SqliteStorage(file.Path))
        {
            MixedTrials.Write(s, s.CreateStudy("a", Two), s.CreateStudy("other", One), 0, 450);
        }

        using var cold = new SqliteStorage(file.Path);
        var withLists = cold.GetAllTrials(cold.GetStudyId("a")).Where(t => t.UserAttrs.ContainsKey("list")).Take(2).ToList();
        Assert.Equal(2, withLists.Count);
        Assert.Equal(JsonValues.Serialize(withLists[0].UserAttrs["list"]), JsonValues.Serialize(withLists[1].UserAttrs["list"]));
        Assert.NotSame(withLists[0].UserAttrs["list"], withLists[1].UserAttrs["list"]);
        Assert.NotSame(withLists[0].UserAttrs["nested"], withLists[1].UserAttrs["nested"]);
    }

    public void Dispose() => file.Dispose();
}
