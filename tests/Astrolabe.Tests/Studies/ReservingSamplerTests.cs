namespace Astrolabe.Tests.Studies;

public sealed class ReservingSamplerTests
{
    [Fact]
    public void TheStudyAsksAReservingSamplerBeforeEachNewTrialButNotForAnEnqueuedOne()
    {
        var sampler = new TwoSlots();
        var study = Study.Create(new StudyOptions { Sampler = sampler });
        study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 0.5 });

        var enqueued = study.Ask();
        var first = study.Ask();
        var second = study.Ask();

        Assert.False(enqueued.Snapshot.SystemAttrs.ContainsKey("slot"));
        Assert.Equal(0L, first.Snapshot.SystemAttrs["slot"]);
        Assert.Equal(1L, second.Snapshot.SystemAttrs["slot"]);
        Assert.Throws<SamplerExhaustedException>(() => study.Ask());
        Assert.Equal(3, sampler.Asked);
        Assert.Equal(3, study.Trials.Count);
    }

    private sealed class TwoSlots : Sampler, IReservingSampler
    {
        public int Asked { get; private set; }

        public bool TryReserve(Study study, out IReadOnlyDictionary<string, object?>? systemAttrs)
        {
            long slot = Asked++;
            systemAttrs = slot < 2 ? new Dictionary<string, object?> { ["slot"] = slot } : null;
            return slot < 2;
        }

        public override double SampleIndependent(Study study, FrozenTrial trial, string name, Distribution distribution) => 0;
    }
}
