namespace Astrolabe.ModelSearch.Tests.Explain;

public sealed class IntegratedGradientsTests
{
    private static readonly IntegratedGradients s_ig = new();

    [Fact]
    public void OnATrainedMlpTheAttributionsSumToTheOutputChangeWithinOnePercentAt50Steps()
    {
        var (model, task) = Models.Wine;
        for (int row = 0; row < 10; row++)
        {
            var a = s_ig.Explain(model, Row(task.Raw.Test, row), AttributionTarget.Predicted);
            Assert.Equal((int)model.Predict(Row(task.Raw.Test, row))[0], a.TargetClass);
            Assert.True(a.RelativeCompletenessError < 0.01, $"row {row}: Σ = {a.Sum}, f(x) − f(x′) = {a.Output - a.BaselineOutput}");
        }
    }

    [Fact]
    public void ForProbabilitiesAndRegressionCompletenessHoldsToo()
    {
        var (wine, wineTask) = Models.Wine;
        var (mlp, diabetes) = Models.Diabetes;
        for (int row = 0; row < 10; row++)
        {
            foreach (var a in new[]
            {
                // A softmax probability saturates far from the data (wine's all-zeros baseline is many deviations
                // away) and turns sharply on the way: its integral needs more steps than the logit's.
                new IntegratedGradients { Steps = 500 }.Explain(wine, Row(wineTask.Raw.Test, row), new AttributionTarget(Probability: true)),
                s_ig.Explain(mlp, Row(diabetes.Raw.Test, row), AttributionTarget.Predicted),
            })
            {
                Assert.True(a.RelativeCompletenessError < 0.01, $"class {a.TargetClass} row {row}: Σ = {a.Sum}, f(x) − f(x′) = {a.Output - a.BaselineOutput}");
            }
        }

        var regression = s_ig.Explain(mlp, Row(diabetes.Raw.Test, 0), AttributionTarget.Predicted);
        Assert.Null(regression.TargetClass);
        Assert.Equal(mlp.Predict(Row(diabetes.Raw.Test, 0))[0], regression.Output, 3);
    }

    [Fact]
    public void OnATrainedCnnCompletenessHoldsWithinOnePercentForMostRowsAt50StepsAndForAllAt200()
    {
        // Max pooling switches along the path leave an O(1/steps) error; more steps remove it.
        var (cnn, digits) = Models.Digits;
        var at50 = new List<double>();
        for (int row = 0; row < 10; row++)
        {
            var sample = Row(digits.Raw.Test, row);
            at50.Add(s_ig.Explain(cnn, sample, AttributionTarget.Predicted).RelativeCompletenessError!.Value);
            var a = new IntegratedGradients { Steps = 200 }.Explain(cnn, sample, AttributionTarget.Predicted);
            Assert.True(a.RelativeCompletenessError < 0.01, $"row {row}: Σ = {a.Sum}, f(x) − f(x′) = {a.Output - a.BaselineOutput}");
        }

        at50.Sort();
        Assert.True(at50[5] < 0.01, $"median error at 50 steps {at50[5]:P2}");
    }

    [Fact]
    public void InputsTheModelDoesNotUseGetExactlyZero()
    {
        var model = Models.Ignoring(6, [1, 4]);
        float[] sample = [3, -2, 5, 1, 7, -4];
        foreach (var method in new IAttributionMethod[] { s_ig, new IntegratedGradients { Rule = IntegrationRule.RiemannMiddle, Baseline = [0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f] }, new GradientSaliency() })
        {
            var a = method.Explain(model, sample, new AttributionTarget(Class: 2));
            Assert.Equal(0.0, a.Values[1]);
            Assert.Equal(0.0, a.Values[4]);
            Assert.All(new[] { 0, 2, 3, 5 }, i => Assert.NotEqual(0.0, a.Values[i]));
        }
    }

    [Fact]
    public void ForALinearModelTheAttributionIsTheWeightTimesTheScaledDistanceToTheBaseline()
    {
        var model = Models.Ignoring(4, [2], hidden: false);
        var linear = (Nn.Linear)((Nn.Sequential)model.Network).Layers[0];
        float[] sample = [2, 5, 9, -3];
        var a = new IntegratedGradients { Steps = 3 }.Explain(model, sample, new AttributionTarget(Class: 1));
        var saliency = new GradientSaliency().Explain(model, sample, new AttributionTarget(Class: 1));
        for (int i = 0; i < 4; i++)
        {
            double w = linear.Weight.Data[4 + i] / model.Preprocessing.Scale[i];
            Assert.Equal(w * sample[i], a.Values[i], 5);
            Assert.Equal(w, saliency.Values[i], 5);
        }

        Assert.True(Math.Abs(a.CompletenessGap!.Value) < 1e-4);
        Assert.Null(saliency.CompletenessGap);
    }

    [Fact]
    public void CompletenessErrorFallsWithMoreSteps()
    {
        var (model, task) = Models.Digits;
        var sample = Row(task.Raw.Test, 1);
        double coarse = Math.Abs(new IntegratedGradients { Steps = 2 }.Explain(model, sample, AttributionTarget.Predicted).CompletenessGap!.Value);
        double fine = Math.Abs(new IntegratedGradients { Steps = 200 }.Explain(model, sample, AttributionTarget.Predicted).CompletenessGap!.Value);
        Assert.True(fine < coarse, $"2 steps: {coarse}, 200 steps: {fine}");
    }

    [Fact]
    public void BadTargetsSamplesAndBaselinesAreRejectedWithAReason()
    {
        var model = Models.Ignoring(4, []);
        Assert.Contains("Class 3 is out of range: the model has 3 classes (0–2).", Assert.Throws<ArgumentException>(() => s_ig.Explain(model, new float[4], new AttributionTarget(Class: 3))).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => s_ig.Explain(model, new float[4], new AttributionTarget(Class: -1)));
        Assert.Contains("samples of 4 values", Assert.Throws<ArgumentException>(() => s_ig.Explain(model, new float[5], AttributionTarget.Predicted)).Message, StringComparison.Ordinal);
        Assert.Contains("baseline has 2 values", Assert.Throws<ArgumentException>(() => new IntegratedGradients { Baseline = [0, 0] }.Explain(model, new float[4], AttributionTarget.Predicted)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new IntegratedGradients { Steps = 0 }.Explain(model, new float[4], AttributionTarget.Predicted));
        var (regression, _) = Models.Diabetes;
        Assert.Contains("classifiers only", Assert.Throws<ArgumentException>(() => s_ig.Explain(regression, new float[10], new AttributionTarget(Class: 0))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExplainingLeavesTheParametersGradientsAndTheModelsPredictionsAsTheyWere()
    {
        var (model, task) = Models.Wine;
        var grads = model.Network.NamedParameters().Select(p => (float[])p.Tensor.Grad!.Clone()).ToList();
        var before = model.Predict(task.Raw.Test.Features);
        s_ig.Explain(model, Row(task.Raw.Test, 0), AttributionTarget.Predicted);
        Assert.Equal(before, model.Predict(task.Raw.Test.Features));
        Assert.Equal(grads, model.Network.NamedParameters().Select(p => p.Tensor.Grad!).ToList());
    }

    internal static float[] Row(Nn.Data.Dataset data, int row) => data.Features.AsSpan(row * data.SampleSize, data.SampleSize).ToArray();
}
