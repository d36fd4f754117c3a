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
    public void OnATrainedCnnCompletenessHoldsWithinOnePercentAt50StepsAndWithTheTrapezoidAt200()
    {
        // Max pooling switches along the path; the adaptive rule puts its points there, the trapezoid needs more.
        var (cnn, digits) = Models.Digits;
        for (int row = 0; row < 10; row++)
        {
            var sample = Row(digits.Raw.Test, row);
            foreach (var a in new[] { s_ig.Explain(cnn, sample, AttributionTarget.Predicted), new IntegratedGradients { Steps = 200, Rule = IntegrationRule.Trapezoid }.Explain(cnn, sample, AttributionTarget.Predicted) })
            {
                Assert.True(a.RelativeCompletenessError < 0.01, $"row {row}: Σ = {a.Sum}, f(x) − f(x′) = {a.Output - a.BaselineOutput}");
            }
        }
    }

    [Fact]
    public void OnReluModelsCompletenessHoldsWithinOnePercentAt50StepsAndTheAttributionsMatchAFineTrapezoid()
    {
        foreach (var (model, task) in new[] { Models.WineRelu, Models.DigitsRelu })
        {
            for (int row = 0; row < 20; row++)
            {
                var sample = Row(task.Raw.Test, row);
                var a = s_ig.Explain(model, sample, AttributionTarget.Predicted);
                Assert.True(a.RelativeCompletenessError < 0.01, $"{model.TaskName} row {row}: Σ = {a.Sum}, f(x) − f(x′) = {a.Output - a.BaselineOutput}");
                if (row < 3)
                {
                    // Not only the sum: each attribution is where 2,000 evenly spaced steps put it.
                    var reference = new IntegratedGradients { Steps = 2000, Rule = IntegrationRule.Trapezoid }.Explain(model, sample, AttributionTarget.Predicted).Values;
                    double distance = a.Values.Zip(reference, (x, y) => Math.Abs(x - y)).Sum() / reference.Sum(Math.Abs);
                    Assert.True(distance < 0.03, $"{model.TaskName} row {row}: attributions {distance:P2} from the reference");
                }
            }
        }
    }

    [Fact]
    public void TheAdaptiveRuleSpendsItsPointsWhereTheGradientSwitches()
    {
        var (alphas, weights) = IntegrationRule.Adaptive.Points(50);
        Assert.True(IntegrationRule.Adaptive.IsAdaptive);
        Assert.False(IntegrationRule.Trapezoid.IsAdaptive);
        Assert.Equal(26, alphas.Length);
        Assert.Equal(1.0, weights.Sum(), 12);
        Assert.Equal([0.0, 1.0], [alphas[0], alphas[^1]]);

        // One unit switches at α = 0.3, where the slope of class 0's logit goes from 1 to 3: a trapezoid interval
        // [a, b] around it misses 2 (mid − 0.3). Evenly spaced, 4 steps put it in [0.25, 0.5] (gap 0.15); the adaptive
        // rule starts from [0, 0.5] and [0.5, 1] and bisects where the gap is: [0, 0.5], then [0.25, 0.5], leaving
        // it in [0.25, 0.375] (gap 0.025). The interval without a switch is left alone, and 1 step is the trapezoid.
        var model = Models.OneSwitch();
        float[] sample = [1, 1];
        var adaptive = new IntegratedGradients { Steps = 4 }.Explain(model, sample, new AttributionTarget(Class: 0));
        var even = new IntegratedGradients { Steps = 4, Rule = IntegrationRule.Trapezoid }.Explain(model, sample, new AttributionTarget(Class: 0));
        Assert.Equal(2.4, adaptive.Output - adaptive.BaselineOutput!.Value, 5);
        Assert.Equal(0.025, Math.Abs(adaptive.CompletenessGap!.Value), 5);
        Assert.Equal(0.15, Math.Abs(even.CompletenessGap!.Value), 5);
        Assert.Equal(1.0, adaptive.Values[1], 5);
        Assert.Equal(1.4, adaptive.Values[0], 1);
        var one = new IntegratedGradients { Steps = 1 }.Explain(model, sample, new AttributionTarget(Class: 0));
        Assert.Equal(new IntegratedGradients { Steps = 1, Rule = IntegrationRule.Trapezoid }.Explain(model, sample, new AttributionTarget(Class: 0)).Values, one.Values);
    }

    [Fact]
    public void AModelThatOutputsNaNGivesNaNAttributionsWithoutRefiningForever()
    {
        var model = Models.OneSwitch();
        ((Nn.Linear)((Nn.Sequential)model.Network).Layers[2]).Weight.Data[0] = float.NaN;
        var a = new IntegratedGradients().Explain(model, [1, 1], new AttributionTarget(Class: 0));
        Assert.True(double.IsNaN(a.Output));
        Assert.Contains(a.Values, double.IsNaN);
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
