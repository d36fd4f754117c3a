namespace Astrolabe.Tests.Storages;

public sealed class InMemoryStorageTests
{
    [Fact]
    public void ReadingARunningTrialAfterEachReportCopiesNoHistory()
    {
        // A pruner reads the trial after every report. Copying its reported values into each snapshot
        // allocates O(steps²): about 400 MB here; sharing them allocates O(steps).
        const int Steps = 4000;
        var storage = new InMemoryStorage();
        int study = storage.CreateStudy("s", [StudyDirection.Minimize]);
        long id = storage.CreateTrial(study).TrialId;
        storage.SetTrialParam(id, "x", 0.5, new FloatDistribution(0, 1));
        storage.SetTrialIntermediateValue(id, 0, 0);
        var first = storage.GetTrial(id);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int step = 1; step < Steps; step++)
        {
            storage.SetTrialIntermediateValue(id, step, step);
            Assert.Equal(step, storage.GetTrial(id).LastStep);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < Steps * 4096L, $"{allocated / Steps} bytes allocated per report and read");
        Assert.Equal([0L], first.IntermediateValues.Keys);
        var last = storage.GetTrial(id);
        Assert.Equal(Enumerable.Range(0, Steps).Select(i => (double)i), last.IntermediateValues.Values);
        Assert.Equal(0.5, last.Params["x"]);
    }

    [Fact]
    public void TrialsFromANumberOnAreTheTailOfTheFullList()
    {
        var study = Study.Create(new StudyOptions { Sampler = new RandomSampler(new RandomSamplerOptions { Seed = 0 }) });
        study.Optimize(t => t.SuggestFloat("x", 0, 1), nTrials: 5);
        var running = study.Ask();
        Assert.Equal([3, 4, 5], study.TrialsFrom(3).Select(t => t.Number));
        Assert.Equal(study.Trials.Skip(3).Select(t => (t.Number, t.State, t.Values)), study.TrialsFrom(3).Select(t => (t.Number, t.State, t.Values)));
        Assert.Equal(TrialState.Running, study.TrialsFrom(5).Single().State);
        Assert.Empty(study.TrialsFrom(6));
        Assert.Equal(6, study.TrialsFrom(0).Count);
        study.Tell(running, 0.5);
        Assert.Equal(TrialState.Complete, study.TrialsFrom(5).Single().State);
    }
}
