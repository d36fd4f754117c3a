namespace Astrolabe.Tests.Samplers.Tpe;

public class ParameterColumnsTests
{
    private static readonly FloatDistribution Unit = new(0, 1);

    [Fact]
    public void ColumnsHoldEachFinishedTrialsValueAndNaNWhereItCannotInform()
    {
        var store = new ParameterColumns();
        Register(store, Trial(("x", 0.25, Unit)));
        Register(store, Trial(("y", 0.5, Unit)));
        Register(store, Trial(("x", 3.0, new FloatDistribution(0, 5))));
        Register(store, Trial(("x", 2.0, new IntDistribution(0, 5))));
        var x = store.Column("x", Unit);
        Assert.Equal(0.25, x[0]);
        Assert.True(double.IsNaN(x[1]), "absent parameter");
        Assert.True(double.IsNaN(x[2]), "outside the target's range");
        Assert.True(double.IsNaN(x[3]), "another kind of distribution");
        Assert.Equal(3.0, store.Column("x", new FloatDistribution(0, 5))[2]);
    }

    [Fact]
    public void ColumnsGrowWithTrialsRegisteredAfterTheirFirstUse()
    {
        var store = new ParameterColumns();
        Register(store, Trial(("x", 0.1, Unit)));
        Assert.Equal(0.1, store.Column("x", Unit)[0]);
        for (int i = 1; i < 200; i++)
        {
            Register(store, Trial(("x", i / 1000.0, Unit)));
        }

        var x = store.Column("x", Unit);
        Assert.True(x.Length >= 200);
        Assert.Equal(0.1, x[0]);
        Assert.Equal(0.199, x[199]);
    }

    [Fact]
    public void RangesThatChangeEveryTrialKeepAtMostTheCapOfColumns()
    {
        var store = new ParameterColumns();
        for (int i = 0; i < 3 * ParameterColumns.MaxColumns; i++)
        {
            var range = new FloatDistribution(0, 1 + i);
            Register(store, Trial(("y", 0.5, range)));
            var column = store.Column("y", range);
            Assert.Equal(0.5, column[i]);
            Assert.Equal(0.5, column[0]);
        }

        Assert.True(store.ColumnCount <= ParameterColumns.MaxColumns, $"{store.ColumnCount} columns kept");
    }

    [Fact]
    public void CategoricalValuesInformOnlyTheSameChoices()
    {
        var store = new ParameterColumns();
        var abc = new CategoricalDistribution(["a", "b", "c"]);
        Register(store, Trial(("c", 2, abc)));
        Register(store, Trial(("c", 1, new CategoricalDistribution(["a", "b"]))));
        var column = store.Column("c", abc);
        Assert.Equal(2, column[0]);
        Assert.True(double.IsNaN(column[1]));
    }

    [Fact]
    public void ObservationsMustArriveInOrdinalOrder()
    {
        var store = new ParameterColumns();
        var observation = Observation.From(Trial(("x", 0.5, Unit)), [StudyDirection.Minimize], false)!;
        var error = Assert.Throws<InvalidOperationException>(() => store.Add(observation with { Ordinal = 3 }));
        Assert.Contains("ordinal 3", error.Message, StringComparison.Ordinal);
    }

    private static void Register(ParameterColumns store, FrozenTrial trial)
    {
        var observation = Observation.From(trial, [StudyDirection.Minimize], false)!;
        store.Add(observation with { Ordinal = store.Count });
    }

    private static FrozenTrial Trial(params (string Name, double Internal, Distribution Distribution)[] parameters)
    {
        var study = Study.Create();
        study.Ask();
        return study.Trials[^1] with
        {
            State = TrialState.Complete,
            Values = [1.0],
            InternalParams = parameters.ToDictionary(p => p.Name, p => p.Internal),
            Distributions = parameters.ToDictionary(p => p.Name, p => p.Distribution),
        };
    }
}
