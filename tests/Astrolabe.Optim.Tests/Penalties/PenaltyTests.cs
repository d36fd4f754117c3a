namespace Astrolabe.Optim.Tests;

public sealed class PenaltyTests
{
    [Fact]
    public void ElasticNetValueAndGradient()
    {
        var w = new Parameter("w", [1f, -2f, 0f], new float[3], 3);
        var bias = new Parameter("bias", [5f], new float[1], 1);
        var penalty = Penalties.ElasticNet(0.1, 0.4, p => p.Name != "bias");
        // 0.1·(1 + 2 + 0) + 0.2·(1 + 4 + 0)
        Assert.Equal(1.3, penalty.Value([w, bias]), 1e-9);
        penalty.AddGradients([w, bias]);
        Assert.Equal([0.1f + 0.4f, -0.1f - 0.8f, 0f], w.Grad);
        Assert.Equal([0f], bias.Grad);
    }

    [Fact]
    public void TheL1GradientIsTheSignEverywhereAndNaNForNaN()
    {
        // 21 values: whole vectors and a scalar tail; zeros (of both signs), infinities and NaN in each part.
        float[] values = [.. Enumerable.Range(0, 21).Select(i => (i % 4) switch { 0 => 0f, 1 => i, 2 => -i, _ => i % 7 == 0 ? float.NaN : -0f })];
        values[5] = float.PositiveInfinity;
        values[6] = float.NegativeInfinity;
        var p = new Parameter("w", values, new float[values.Length], values.Length);
        Penalties.L1(0.5).AddGradients([p]);
        for (int i = 0; i < values.Length; i++)
        {
            float expected = float.IsNaN(values[i]) ? float.NaN : 0.5f * Math.Sign(values[i]);
            Assert.Equal(expected, p.Grad[i]);
        }
    }

    [Fact]
    public void AnL2PenaltyOnTheOptimizerEqualsWeightDecay()
    {
        var q1 = new Quadratic(6);
        q1.Train(Optimizers.Sgd([q1.W], lr: 0.05, momentum: 0.9, weightDecay: 0.1), 30);
        var q2 = new Quadratic(6);
        q2.Train(Optimizers.Sgd([q2.W], lr: 0.05, momentum: 0.9).WithPenalty(Penalties.L2(0.1)), 30);
        for (int j = 0; j < 6; j++)
        {
            Assert.Equal(q1.W.Value[j], q2.W.Value[j], 1e-6);
        }
    }

    [Theory]
    [InlineData("l1", "adam")]
    [InlineData("l2", "adam")]
    [InlineData("l2", "sgd")]
    [InlineData("l1", "sgd")]
    public void APenaltyInTheChainStepsExactlyAsItsGradientAddedBeforeTheStep(string kind, string optimizer)
    {
        // What a trainer did when it held the penalty itself: add the penalty's gradient to the gradients, then step.
        Optimizer Build(Quadratic q) => (optimizer == "adam" ? Optimizers.Adam([q.W], lr: 0.05) : Optimizers.Sgd([q.W], lr: 0.05, momentum: 0.9, nesterov: true))
            .WithGradientClipping(0.5);
        ElasticNetPenalty Penalty() => kind == "l1" ? Penalties.L1(0.3) : Penalties.L2(0.3);
        var byHand = new Quadratic(7);
        var opt = Build(byHand);
        var inChain = new Quadratic(7);
        var chained = Build(inChain).WithFirst(new AddPenaltyGradient(Penalty()));
        for (int t = 0; t < 25; t++)
        {
            byHand.Evaluate();
            Penalty().AddGradients([byHand.W]);
            opt.Step();
            inChain.Evaluate();
            Assert.Equal(Penalty().Value([inChain.W]), chained.PenaltyValue());
            chained.Step();
            Assert.Equal(byHand.W.Value, inChain.W.Value);
        }
    }

    [Fact]
    public void AnL1PenaltyShrinksTowardZero()
    {
        var p = new Parameter("w", [0.5f, -0.5f], new float[2], 2);
        Optimizers.Sgd([p], lr: 0.1).WithPenalty(Penalties.L1(1.0)).Step();
        Assert.Equal([0.4f, -0.4f], p.Value);
    }
}
