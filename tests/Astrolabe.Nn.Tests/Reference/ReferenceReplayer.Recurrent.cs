namespace Astrolabe.Nn.Tests.Reference;

internal static partial class ReferenceReplayer
{
    /// <summary>
    /// <c>lstm</c> / <c>gru</c> (batch-first): the parameters by PyTorch name, optional <c>h0</c>/<c>c0</c> and
    /// <c>lengths</c>; the output is the concatenation of the flattened output, h_n and (LSTM) c_n.
    /// </summary>
    private static Tensor ReplayRecurrent(ReferenceCase c, Dictionary<string, Tensor> t, Dictionary<string, (int[] Shape, int[] Data)> ints)
    {
        c.RequireConfigKeys("num_layers", "bidirectional", "bias", "batch_first");
        bool lstm = c.Op == "lstm";
        int layers = (int)c.ConfigNumber("num_layers", 1);
        bool bidirectional = c.Config.GetProperty("bidirectional").GetBoolean();
        bool bias = c.Config.GetProperty("bias").GetBoolean();
        if (!c.Config.GetProperty("batch_first").GetBoolean())
        {
            throw new InvalidDataException($"{c.Path}: only batch_first files are replayed.");
        }

        var names = new List<string>();
        for (int l = 0; l < layers; l++)
        {
            foreach (var suffix in bidirectional ? new[] { $"_l{l}", $"_l{l}_reverse" } : [$"_l{l}"])
            {
                names.AddRange(bias
                    ? ["weight_ih" + suffix, "weight_hh" + suffix, "bias_ih" + suffix, "bias_hh" + suffix]
                    : ["weight_ih" + suffix, "weight_hh" + suffix]);
            }
        }

        string[] allowed = [.. names, "x", "h0", .. lstm ? new[] { "c0" } : []];
        foreach (var k in t.Keys.Where(k => !allowed.Contains(k)))
        {
            throw new InvalidDataException($"{c.Path}: unknown tensor '{k}' for op '{c.Op}'.");
        }

        foreach (var k in ints.Keys.Where(k => k != "lengths"))
        {
            throw new InvalidDataException($"{c.Path}: unknown int input '{k}' for op '{c.Op}'.");
        }

        var weights = names.Select(n => t.TryGetValue(n, out var w) ? w : throw new InvalidDataException($"{c.Path}: missing parameter '{n}'.")).ToList();
        int[]? lengths = ints.TryGetValue("lengths", out var len) ? len.Data : null;
        var x = t["x"];
        var result = lstm
            ? Functional.Lstm(x, weights, layers, bidirectional, t.GetValueOrDefault("h0"), t.GetValueOrDefault("c0"), lengths)
            : Functional.Gru(x, weights, layers, bidirectional, t.GetValueOrDefault("h0"), lengths);
        return result.Cell is { } cell ? ConcatFlat(result.Output, result.Hidden, cell) : ConcatFlat(result.Output, result.Hidden);
    }
}
