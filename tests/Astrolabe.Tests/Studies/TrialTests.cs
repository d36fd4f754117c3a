namespace Astrolabe.Tests.Studies;

public sealed class TrialTests
{
    private static Study NewStudy() => Study.Create(new StudyOptions { Sampler = new RandomSampler(new RandomSamplerOptions { Seed = 1 }) });

    [Fact]
    public void AskingTheSameNameAgainReturnsTheSameValue()
    {
        var trial = NewStudy().Ask();
        double x = trial.SuggestFloat("x", 0, 1);
        Assert.Equal(x, trial.SuggestFloat("x", 0, 1));
        string c = trial.SuggestCategorical("c", ["a", "b", "c"]);
        Assert.Equal(c, trial.SuggestCategorical("c", ["a", "b", "c"]));
    }

    [Fact]
    public void ASnapshotHoldsTheParametersSuggestedBeforeItAndKeepsThemAfterwards()
    {
        var seen = new List<FrozenTrial>();
        var study = Study.Create(new StudyOptions { Sampler = new Recording(seen) });
        var trial = study.Ask();
        trial.SuggestFloat("x", 0, 1);
        trial.Report(0.5, 1);
        var before = trial.Snapshot;
        trial.SuggestInt("n", 1, 9);
        trial.SetUserAttr("k", "v");
        trial.SuggestFloat("y", 0, 1);
        Assert.Equal(["x"], before.Params.Keys);
        Assert.Equal(["x", "n", "y"], trial.Snapshot.Params.Keys);
        Assert.Equal(0.5, trial.Snapshot.IntermediateValues[1]);
        Assert.Equal("v", trial.Snapshot.UserAttrs["k"]);

        // The sampler saw, at each suggestion, the parameters suggested before it.
        Assert.Equal([[], ["x"], ["x", "n"]], seen.Select(t => t.Params.Keys.ToArray()));
    }

    private sealed class Recording(List<FrozenTrial> seen) : Sampler
    {
        public override double SampleIndependent(Study study, FrozenTrial trial, string name, Distribution distribution)
        {
            seen.Add(trial);
            return distribution is IntDistribution i ? i.Low : 0.25;
        }
    }

    [Fact]
    public void AskingTheSameNameWithAnotherSpaceIsAClearError()
    {
        var trial = NewStudy().Ask();
        trial.SuggestFloat("x", 0, 1);
        var e = Assert.Throws<ArgumentException>(() => trial.SuggestFloat("x", 0, 2));
        Assert.Contains("Parameter 'x' was already suggested in trial 0 with FloatDistribution(low=0, high=1", e.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be suggested again with FloatDistribution(low=0, high=2", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => trial.SuggestInt("x", 0, 1));
    }

    [Fact]
    public void InvalidSpacesFailTheSuggestionNotTheProcess()
    {
        var study = NewStudy();
        study.Optimize(t => t.SuggestFloat("lr", 0, 1, log: true), new OptimizeOptions { NTrials = 2, Catch = [typeof(ArgumentException)] });
        Assert.All(study.Trials, t =>
        {
            Assert.Equal(TrialState.Fail, t.State);
            Assert.Contains("log-scale distribution needs low > 0", (string)t.SystemAttrs[SystemAttrKeys.FailReason]!, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void SuggestionsAreStoredAtOnce()
    {
        var study = NewStudy();
        var trial = study.Ask();
        int n = trial.SuggestInt("n", 1, 9);
        Assert.Equal((long)n, study.Storage.GetTrial(trial.TrialId).Params["n"]);
    }

    [Fact]
    public void EnqueuedParametersComeFirstAndTheRestIsSampled()
    {
        var study = NewStudy();
        study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 0.25, ["act"] = "tanh" });
        study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 0.25, ["act"] = "tanh" }, skipIfExists: true);
        study.Optimize(t => t.SuggestFloat("x", 0, 1) + t.SuggestCategorical("act", ["relu", "tanh"]).Length + t.SuggestInt("k", 0, 3), nTrials: 3);
        var first = study.Trials[0];
        Assert.Equal(0.25, first.Params["x"]);
        Assert.Equal("tanh", first.Params["act"]);
        Assert.True(first.Params.ContainsKey("k"));
        Assert.Equal(3, study.Trials.Count);
    }

    [Fact]
    public void ReportKeepsTheFirstValueOfAStep()
    {
        var study = NewStudy();
        var trial = study.Ask();
        trial.Report(0.5, 1);
        trial.Report(0.9, 1);
        trial.Report(0.4, 2);
        var stored = study.Storage.GetTrial(trial.TrialId);
        Assert.Equal(0.5, stored.IntermediateValues[1]);
        Assert.Equal(2, stored.LastStep);
        Assert.Throws<ArgumentOutOfRangeException>(() => trial.Report(1, -1));
    }

    [Fact]
    public void ReportIsRefusedForSeveralObjectives()
    {
        var study = Study.Create(new StudyOptions { Directions = [StudyDirection.Minimize, StudyDirection.Maximize] });
        var e = Assert.Throws<InvalidOperationException>(() => study.Ask().Report(1, 0));
        Assert.Contains("not supported for multi-objective", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportingStepAfterStepCopiesNoHistory()
    {
        // Copying the reported values on every report (as Trial.Report did) allocates O(steps²): about 450 MB
        // here. Sharing them allocates O(steps): about 2 MB.
        const int Steps = 4000;
        var study = NewStudy();
        var trial = study.Ask();
        trial.Report(0, 0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int step = 1; step < Steps; step++)
        {
            trial.Report(step * 0.5, step);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < Steps * 4096L, $"{allocated / Steps} bytes allocated per report");
        var stored = study.Storage.GetTrial(trial.TrialId);
        Assert.Equal(Enumerable.Range(0, Steps).Select(i => (long)i), stored.IntermediateValues.Keys);
        Assert.Equal(Enumerable.Range(0, Steps).Select(i => i * 0.5), trial.Snapshot.IntermediateValues.Values);
        Assert.Equal(Steps - 1, trial.Snapshot.LastStep);
    }

    [Fact]
    public void SnapshotsTakenBeforeLaterReportsStayAsTheyWere()
    {
        var study = NewStudy();
        var trial = study.Ask();
        trial.Report(0.9, 0);
        trial.Report(0.8, 2);
        var mine = trial.Snapshot;
        var stored = study.Storage.GetTrial(trial.TrialId);
        trial.Report(0.7, 3);
        trial.Report(0.6, 1);
        trial.Report(0.5, 4);
        Assert.Equal([0L, 2L], mine.IntermediateValues.Keys);
        Assert.Equal([0L, 2L], stored.IntermediateValues.Keys);
        Assert.Equal(2, mine.LastStep);
        Assert.False(stored.IntermediateValues.ContainsKey(3));
        Assert.Equal([0.9, 0.6, 0.8, 0.7, 0.5], trial.Snapshot.IntermediateValues.Values);
        Assert.Equal([0.9, 0.6, 0.8, 0.7, 0.5], study.Storage.GetTrial(trial.TrialId).IntermediateValues.Values);
    }

    [Fact]
    public void UserAttributesAreKept()
    {
        var study = NewStudy();
        var trial = study.Ask();
        trial.SetUserAttr("fold", 3);
        study.Tell(trial, 1);
        Assert.Equal(3, Convert.ToInt32(study.Trials[0].UserAttrs["fold"], System.Globalization.CultureInfo.InvariantCulture));
    }
}
