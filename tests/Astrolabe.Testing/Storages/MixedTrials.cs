namespace Astrolabe.Testing.Storages;

/// <summary>
/// Writes the same deterministic mix of trials to any storage: every state, several objectives with infinite
/// values (no storage keeps a NaN objective value), parameters recorded out of name order, intermediate values
/// (NaN among them) reported out of step order and overwritten, user and system attributes of every kind, and
/// trials of a second study interleaved with them.
/// </summary>
public static class MixedTrials
{
    private static readonly Distribution Lr = new FloatDistribution(1e-5, 1, log: true);
    private static readonly Distribution Layers = new IntDistribution(1, 64, log: true);
    private static readonly Distribution Act = new CategoricalDistribution(["relu", 2, 2.5, true, null]);
    private static readonly Distribution Width = new FloatDistribution(0, 10, step: 0.5);

    /// <summary>Writes trials <paramref name="from"/> to <paramref name="to"/> (exclusive) of the mix.</summary>
    public static void Write(IStorage storage, int study, int other, int from, int to)
    {
        for (int i = from; i < to; i++)
        {
            WriteOne(storage, study, i);
            if (i % 3 == 0)
            {
                storage.CreateTrial(other, new FrozenTrial
                {
                    State = TrialState.Complete,
                    Values = [i],
                    InternalParams = new Dictionary<string, double> { ["q"] = i % 7 },
                    Distributions = new Dictionary<string, Distribution> { ["q"] = new IntDistribution(0, 6) },
                    SystemAttrs = new Dictionary<string, object?> { ["other"] = i },
                    DatetimeStart = At(i),
                    DatetimeComplete = At(i + 1),
                });
            }
        }
    }

    private static void WriteOne(IStorage storage, int study, int i)
    {
        switch (i % 6)
        {
            case 0:
                storage.CreateTrial(study, Whole(i, TrialState.Complete, [i * 0.5, -i]) with
                {
                    UserAttrs = new Dictionary<string, object?>
                    {
                        ["note"] = $"trial {i}",
                        ["list"] = new object?[] { 1L, 2.5, "x", null },
                        ["nested"] = new Dictionary<string, object?> { ["k"] = (long)i, ["ok"] = true },
                    },
                    SystemAttrs = new Dictionary<string, object?> { ["worker"] = $"w{i % 3}" },
                });
                break;
            case 1:
                var steps = new SortedDictionary<long, double> { [0] = 3, [1] = double.NaN, [2] = 1.5, [4] = i };
                storage.CreateTrial(study, Whole(i, TrialState.Pruned, [double.PositiveInfinity, double.NegativeInfinity]) with { IntermediateValues = steps });
                break;
            case 2:
                storage.CreateTrial(study, Whole(i, TrialState.Fail, null) with
                {
                    SystemAttrs = new Dictionary<string, object?> { ["fail_reason"] = "boom", ["ratio"] = 0.25 },
                });
                break;
            case 3:
                storage.CreateTrial(study, new FrozenTrial
                {
                    State = TrialState.Waiting,
                    SystemAttrs = new Dictionary<string, object?> { ["fixed_params"] = new Dictionary<string, object?> { ["lr"] = 0.01 } },
                });
                break;
            case 4:
                var t = storage.CreateTrial(study, new FrozenTrial { State = TrialState.Running, DatetimeStart = At(i) });
                storage.SetTrialParam(t.TrialId, "width", 2.5, Width);
                storage.SetTrialParam(t.TrialId, "act", 1, Act);
                storage.SetTrialIntermediateValue(t.TrialId, 3, 0.3);
                storage.SetTrialIntermediateValue(t.TrialId, 1, 0.9);
                storage.SetTrialIntermediateValue(t.TrialId, 1, 0.1);
                storage.SetTrialUserAttr(t.TrialId, "epoch", 1L);
                storage.SetTrialUserAttr(t.TrialId, "epoch", 2L);
                storage.SetTrialSystemAttr(t.TrialId, "sampler", "random");
                break;
            default:
                storage.CreateTrial(study, Whole(i, TrialState.Complete, [-0.0, 1e300]));
                break;
        }
    }

    /// <summary>A finished trial with four parameters in an order that is not their name order.</summary>
    private static FrozenTrial Whole(int i, TrialState state, IReadOnlyList<double>? values) => new()
    {
        State = state,
        Values = values,
        InternalParams = new Dictionary<string, double> { ["lr"] = Math.Pow(10, -1 - (i % 4)), ["layers"] = 1 + (i % 64), ["act"] = i % 5, ["width"] = i % 21 * 0.5 },
        Distributions = new Dictionary<string, Distribution> { ["lr"] = Lr, ["layers"] = Layers, ["act"] = Act, ["width"] = Width },
        DatetimeStart = At(i),
        DatetimeComplete = At(i + 1),
    };

    private static DateTimeOffset At(int i) => DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000 + (i * 1_001L));
}
