using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Astrolabe.Tests.Distributions;

/// <summary>Every value a sampler draws lies in its space, for arbitrary valid spaces and seeds.</summary>
public sealed class DistributionPropertyTests
{
    [Property(MaxTest = 300)]
    public Property FloatSamplesLieInTheirSpace(NormalFloat a, NormalFloat b, bool log, PositiveInt steps, bool stepped, int seed)
    {
        double low = Math.Min(a.Get, b.Get) % 1e6;
        double high = Math.Max(a.Get, b.Get) % 1e6;
        if (low > high)
        {
            (low, high) = (high, low);
        }

        if (log)
        {
            low = Math.Abs(low) + 1e-9;
            high = low + Math.Abs(high) + 1e-3;
            stepped = false;
        }

        double? step = stepped && high > low ? (high - low) / ((steps.Get % 50) + 1) : null;
        var d = new FloatDistribution(low, high, log, step);
        return AllSamplesInside(d, seed).Label($"{d}");
    }

    [Property(MaxTest = 300)]
    public Property IntSamplesLieInTheirSpace(int a, PositiveInt width, PositiveInt step, bool log, int seed)
    {
        long low = log ? (Math.Abs((long)a) % 1000) + 1 : a % 100000;
        long s = log ? 1 : (step.Get % 7) + 1;
        long high = low + (((width.Get % 1000) / s) * s);
        var d = new IntDistribution(low, high, log, s);
        return AllSamplesInside(d, seed).Label($"{d}");
    }

    [Property(MaxTest = 200)]
    public Property CategoricalSamplesLieInTheirSpace(PositiveInt count, int seed)
    {
        var d = new CategoricalDistribution(Enumerable.Range(0, (count.Get % 20) + 1).Select(i => (object?)$"c{i}"));
        return AllSamplesInside(d, seed).Label($"{d}");
    }

    private static bool AllSamplesInside(Distribution d, int seed)
    {
        var study = Study.Create(new StudyOptions { Sampler = new RandomSampler(new RandomSamplerOptions { Seed = seed }) });
        for (int i = 0; i < 20; i++)
        {
            var trial = study.Ask();
            double v = trial.Suggest("p", d);
            if (!d.Contains(v))
            {
                return false;
            }

            study.Tell(trial, 0);
        }

        return true;
    }
}
