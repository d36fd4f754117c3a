using Astrolabe.Nn;
using Astrolabe.Optim;

namespace Astrolabe.Bench.Sequence;

/// <summary>
/// One training step of a recurrent text classifier on fixed random data: the recurrent layer over [batch, time,
/// input], its last hidden state through a Linear layer to 3 classes, mean cross-entropy, backward, Adam step.
/// Case names read <c>{lstm|gru}_b{batch}_t{time}_i{input}_h{hidden}</c>; a <c>_len</c> suffix gives the rows lengths
/// spread between time/4 and time (packed by lengths).
/// </summary>
internal static class ClassifierStep
{
    public static (int Inner, Action Step) Create(string name)
    {
        var parts = name.Split('_');
        int Get(char key) => int.Parse(parts.Single(p => p[0] == key && char.IsDigit(p[^1]) && p.Length > 1 && char.IsDigit(p[1]))[1..], System.Globalization.CultureInfo.InvariantCulture);
        int batch = Get('b'), time = Get('t'), input = Get('i'), hidden = Get('h');
        bool lstm = parts[0] == "lstm";
        var rng = new Rng(0);
        RecurrentLayer rnn = lstm ? new Lstm(input, hidden, rng: rng) : new Gru(input, hidden, rng: rng);
        var head = new Linear(hidden, 3, rng: rng);
        var x = Tensor.Randn(rng, batch, time, input);
        int[] labels = [.. Enumerable.Range(0, batch).Select(_ => rng.NextInt(3))];
        int[]? lengths = parts[^1] == "len" ? [.. Enumerable.Range(0, batch).Select(_ => (time / 4) + rng.NextInt(time - (time / 4)) + 1)] : null;
        var optimizer = Optimizers.Adam([.. rnn.Parameters(), .. head.Parameters()], lr: 1e-3);
        var arena = new TensorArena();
        return (5, () =>
        {
            using var scope = arena.Enter();
            optimizer.ZeroGrad();
            var result = rnn is Lstm l ? l.Forward(x, lengths) : ((Gru)rnn).Forward(x, lengths);
            var last = result.Hidden.Reshape(batch, hidden);
            Functional.CrossEntropy(head.Forward(last), labels).Backward();
            optimizer.Step();
        });
    }
}
