namespace Astrolabe.Tests.Samplers.Nsga;

public sealed class NsgaBadInputTests
{
    [Fact]
    public void InvalidOptionsAreRefusedWithTheirName()
    {
        Assert.Contains("PopulationSize must be at least 2", Assert.Throws<ArgumentException>(() => new NsgaIISampler(new NsgaIISamplerOptions { PopulationSize = 1 })).Message);
        Assert.Contains("PopulationSize must be at least 2", Assert.Throws<ArgumentException>(() => new NsgaIIISampler(new NsgaIIISamplerOptions { PopulationSize = 0 })).Message);
        Assert.Contains("at least 3 for UndxCrossover", Assert.Throws<ArgumentException>(() => new NsgaIISampler(new NsgaIISamplerOptions { PopulationSize = 2, Crossover = new UndxCrossover() })).Message);
        Assert.Contains("MutationProbability", Assert.Throws<ArgumentException>(() => new NsgaIISampler(new NsgaIISamplerOptions { MutationProbability = 1.5 })).Message);
        Assert.Contains("CrossoverProbability", Assert.Throws<ArgumentException>(() => new NsgaIISampler(new NsgaIISamplerOptions { CrossoverProbability = -0.1 })).Message);
        Assert.Contains("SwappingProbability", Assert.Throws<ArgumentException>(() => new NsgaIIISampler(new NsgaIIISamplerOptions { SwappingProbability = double.NaN })).Message);
        Assert.Contains("swappingProbability", Assert.Throws<ArgumentException>(() => new UniformCrossover(2)).Message);
        Assert.Contains("eta", Assert.Throws<ArgumentException>(() => new SbxCrossover(-1)).Message);
        Assert.Contains("alpha", Assert.Throws<ArgumentException>(() => new BlxAlphaCrossover(double.NaN)).Message);
        Assert.Contains("DividingParameter", Assert.Throws<ArgumentException>(() => new NsgaIIISampler(new NsgaIIISamplerOptions { DividingParameter = 0 })).Message);
        Assert.Contains("non-negative", Assert.Throws<ArgumentException>(() => new NsgaIIISampler(new NsgaIIISamplerOptions { ReferencePoints = [[1, -1]] })).Message);
        Assert.Contains("same number", Assert.Throws<ArgumentException>(() => new NsgaIIISampler(new NsgaIIISamplerOptions { ReferencePoints = [[1, 0], [1, 0, 0]] })).Message);
    }

    [Fact]
    public void ReferencePointsOfAnotherDimensionAreAClearError()
    {
        var study = Study.Create(new StudyOptions
        {
            Sampler = new NsgaIIISampler(new NsgaIIISamplerOptions { Seed = 1, PopulationSize = 4, ReferencePoints = [[1, 0, 0], [0, 1, 0]] }),
            Directions = [StudyDirection.Minimize, StudyDirection.Minimize],
        });
        var error = Assert.Throws<InvalidOperationException>(() => study.Optimize(NsgaProblems.Zdt1(2), nTrials: 12));
        Assert.Contains("3 coordinates; the study has 2 objectives", error.Message);
    }

    [Fact]
    public void ANaNConstraintIsAClearErrorAndStoresNothing()
    {
        var study = Study.Create(new StudyOptions
        {
            Sampler = new NsgaIISampler(new NsgaIISamplerOptions { Seed = 2, ConstraintsFunc = _ => [double.NaN] }),
            Directions = [StudyDirection.Minimize, StudyDirection.Minimize],
        });
        var error = Assert.Throws<InvalidOperationException>(() => study.Optimize(NsgaProblems.Zdt1(2), nTrials: 1));
        Assert.Contains("NaN", error.Message);
        Assert.DoesNotContain(study.Trials, t => t.SystemAttrs.ContainsKey("constraints"));
    }

    [Fact]
    public void AConstraintCountThatChangesIsAClearErrorAndStoresNothing()
    {
        int calls = 0;
        var study = Study.Create(new StudyOptions
        {
            Sampler = new NsgaIISampler(new NsgaIISamplerOptions { Seed = 3, ConstraintsFunc = _ => calls++ < 3 ? [0.0] : [0.0, 1.0] }),
            Directions = [StudyDirection.Minimize, StudyDirection.Minimize],
        });
        study.Optimize(NsgaProblems.Zdt1(2), nTrials: 3);
        var error = Assert.Throws<InvalidOperationException>(() => study.Optimize(NsgaProblems.Zdt1(2), nTrials: 1));
        Assert.Contains("returned 2 value(s) for trial 3, but earlier trials of the study have 1", error.Message);
        Assert.False(study.Trials[3].SystemAttrs.ContainsKey("constraints"));
    }

    [Fact]
    public void AConstraintCountStoredByAnotherProcessIsTheOneChecked()
    {
        // A new sampler (another process) on a study whose trials stored one constraint value learns the count from them.
        var storage = new InMemoryStorage();
        var first = Study.Create(new StudyOptions
        {
            Storage = storage,
            Sampler = new NsgaIISampler(new NsgaIISamplerOptions { Seed = 4, ConstraintsFunc = _ => [0.0] }),
            Directions = [StudyDirection.Minimize, StudyDirection.Minimize],
        });
        first.Optimize(NsgaProblems.Zdt1(2), nTrials: 2);
        var second = Study.Load(first.StudyName, storage, new NsgaIISampler(new NsgaIISamplerOptions { Seed = 5, ConstraintsFunc = _ => [0.0, 0.0] }));
        Assert.Contains("earlier trials of the study have 1", Assert.Throws<InvalidOperationException>(() => second.Optimize(NsgaProblems.Zdt1(2), nTrials: 1)).Message);
    }
}
