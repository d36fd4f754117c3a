using static Astrolabe.Nn.Tests.Autodiff.GradCheck;

namespace Astrolabe.Nn.Tests.Layers.Recurrent;

/// <summary>Finite differences through output, h_n and c_n together, for every input, weight and initial state.</summary>
public class RecurrentGradCheckTests
{
    [Theory]
    [InlineData(true, 1, false, false, false)]
    [InlineData(true, 2, true, true, false)]
    [InlineData(true, 2, false, true, true)]
    [InlineData(true, 1, true, false, true)]
    [InlineData(false, 1, false, false, false)]
    [InlineData(false, 2, true, true, false)]
    [InlineData(false, 2, false, true, true)]
    [InlineData(false, 1, true, false, true)]
    public void Gradients_match_finite_differences(bool lstm, int layers, bool bidirectional, bool withLengths, bool initialState)
    {
        const int batch = 3, time = 4, features = 3, hidden = 4;
        int dirs = bidirectional ? 2 : 1;
        var layer = Build(lstm, features, hidden, layers, bidirectional, seed: 10 + layers);
        var inputs = new List<Tensor> { Random(1, batch, time, features) };
        inputs.AddRange(layer.FlatWeights);
        if (initialState)
        {
            inputs.Add(Random(2, layers * dirs, batch, hidden));
            if (lstm)
            {
                inputs.Add(Random(3, layers * dirs, batch, hidden));
            }
        }

        int[]? lengths = withLengths ? [3, 4, 1] : null;
        int weights = layer.FlatWeights.Count;
        Check(t => Run(lstm, t, weights, layers, bidirectional, lengths, initialState, dropout: 0, rng: null), [.. inputs]);
    }

    [Fact]
    public void Gradients_through_dropout_between_layers_match_finite_differences()
    {
        foreach (bool lstm in new[] { true, false })
        {
            var layer = Build(lstm, 3, 5, 2, bidirectional: true, seed: 4);
            Tensor[] inputs = [Random(5, 2, 3, 3), .. layer.FlatWeights];
            int weights = layer.FlatWeights.Count;
            // A fresh source per evaluation: every evaluation drops the same units.
            Check(t => Run(lstm, t, weights, 2, true, [3, 2], false, dropout: 0.4f, rng: new Rng(9)), inputs);
        }
    }

    [Fact]
    public void A_hidden_size_with_whole_vectors_and_a_tail_checks_out()
    {
        var layer = Build(true, 2, 11, 1, bidirectional: true, seed: 6);
        Tensor[] inputs = [Random(7, 2, 3, 2), .. layer.FlatWeights];
        Check(t => Run(true, t, layer.FlatWeights.Count, 1, true, [1, 3], false, 0, null), inputs);
    }

    internal static RecurrentLayer Build(bool lstm, int features, int hidden, int layers, bool bidirectional, int seed) => lstm
        ? new Lstm(features, hidden, layers, bidirectional, rng: new Rng(seed))
        : new Gru(features, hidden, layers, bidirectional, rng: new Rng(seed));

    private static Tensor Run(bool lstm, Tensor[] t, int weights, int layers, bool bidirectional, int[]? lengths, bool initialState, float dropout, Rng? rng)
    {
        var w = t.Skip(1).Take(weights).ToList();
        var h0 = initialState ? t[1 + weights] : null;
        bool training = dropout > 0;
        if (lstm)
        {
            var c0 = initialState ? t[2 + weights] : null;
            var r = Functional.Lstm(t[0], w, layers, bidirectional, h0, c0, lengths, dropout, training, rng);
            return Functional.Concat([r.Output.Reshape(-1), r.Hidden.Reshape(-1), r.Cell!.Reshape(-1)], 0);
        }

        var g = Functional.Gru(t[0], w, layers, bidirectional, h0, lengths, dropout, training, rng);
        return Functional.Concat([g.Output.Reshape(-1), g.Hidden.Reshape(-1)], 0);
    }
}
