namespace Astrolabe.Nn.Tests.Reference;

/// <summary>The embedding lookups (padding, bags) and the ranking and weighted classification losses.</summary>
internal static partial class ReferenceReplayer
{
    private static Tensor RunEmbeddingsAndRanking(ReferenceCase c, Dictionary<string, Tensor> t, Dictionary<string, (int[] Shape, int[] Data)> ints)
    {
        switch (c.Op)
        {
            case "embedding_padding":
                Expect(c, t, ints, ["weight"], ["indices"], "padding_idx");
                return Functional.Embedding(ints["indices"].Data, ints["indices"].Shape, t["weight"], ConfigInt(c, "padding_idx"));
            case "embedding_bag":
                Expect(c, t, ints, ["weight", "per_sample_weights"], ["indices", "offsets"], "mode", "padding_idx");
                var mode = c.Config.GetProperty("mode").GetString() switch
                {
                    "sum" => EmbeddingBagMode.Sum,
                    "mean" => EmbeddingBagMode.Mean,
                    var other => throw new InvalidDataException($"{c.Path}: unknown embedding_bag mode '{other}'."),
                };
                int? pad = c.Config.TryGetProperty("padding_idx", out var p) ? p.GetInt32() : null;
                return Functional.EmbeddingBag(ints["indices"].Data, ints["offsets"].Data, t["weight"], mode, t.GetValueOrDefault("per_sample_weights"), pad);
            case "cross_entropy_weighted":
                Expect(c, t, ints, ["logits"], ["target"], "reduction", "ignore_index", "label_smoothing", "weight");
                RequireMean(c);
                var options = new CrossEntropyOptions
                {
                    Weight = c.Config.TryGetProperty("weight", out var w) ? [.. w.EnumerateArray().Select(e => (float)e.GetDouble())] : null,
                    IgnoreIndex = ConfigInt(c, "ignore_index"),
                    LabelSmoothing = (float)c.ConfigNumber("label_smoothing", 0),
                };
                return Functional.CrossEntropy(t["logits"], ints["target"].Data, options);
            case "bpr_loss":
                Expect(c, t, ints, ["positive", "negative"], [], "reduction");
                RequireMean(c);
                return Functional.BprLoss(t["positive"], t["negative"]);
            case "margin_ranking_loss":
                Expect(c, t, ints, ["input1", "input2"], ["target"], "reduction", "margin");
                RequireMean(c);
                var (shape, y) = ints["target"];
                return Functional.MarginRankingLoss(t["input1"], t["input2"], new Tensor([.. y.Select(v => (float)v)], shape), (float)c.ConfigNumber("margin", 0));
            default:
                throw new InvalidDataException($"{c.Path}: unknown op '{c.Op}'.");
        }
    }

    /// <summary>Fails on a tensor, int input or config key the op does not take (each allowed one may be absent).</summary>
    private static void Expect(ReferenceCase c, Dictionary<string, Tensor> t, Dictionary<string, (int[] Shape, int[] Data)> ints, string[] tensors, string[] intInputs, params string[] configKeys)
    {
        c.RequireConfigKeys(configKeys);
        foreach (var k in t.Keys.Where(k => !tensors.Contains(k)))
        {
            throw new InvalidDataException($"{c.Path}: unknown tensor '{k}' for op '{c.Op}'.");
        }

        foreach (var k in ints.Keys.Where(k => !intInputs.Contains(k)))
        {
            throw new InvalidDataException($"{c.Path}: unknown int input '{k}' for op '{c.Op}'.");
        }

        foreach (var k in tensors.Where(k => k != "per_sample_weights").Concat(intInputs).Where(k => !t.ContainsKey(k) && !ints.ContainsKey(k)))
        {
            throw new InvalidDataException($"{c.Path}: op '{c.Op}' needs '{k}'.");
        }
    }
}
