using System.Text.Json;

namespace Astrolabe.Nn.Tests.Reference;

/// <summary>
/// Replay of the attention, Transformer, Conv1d, residual-block and pooling files (generate_attention.py): layers
/// are built from the config, take the file's parameters by their PyTorch names, and an op with several outputs is
/// compared on their flat concatenation.
/// </summary>
internal static partial class ReferenceReplayer
{
    private static readonly HashSet<string> s_layerOps =
    [
        "multihead_attention", "transformer_encoder_layer", "transformer_encoder", "conv1d", "residual_block",
        "masked_mean_pool", "masked_max_pool", "adaptive_avg_pool2d", "adaptive_avg_pool1d",
    ];

    private static Tensor ReplayLayer(ReferenceCase c, Dictionary<string, Tensor> t, Dictionary<string, (int[] Shape, int[] Data)> ints)
    {
        switch (c.Op)
        {
            case "multihead_attention":
            {
                c.RequireConfigKeys("embed_dim", "num_heads", "bias", "attn_mask");
                RequireInts(c, ints, "key_padding_mask", "attn_mask");
                var mha = new MultiheadAttention(ConfigInt(c, "embed_dim"), ConfigInt(c, "num_heads"), 0f, c.Config.GetProperty("bias").GetBoolean(), new Rng(0));
                Tensor q, k, v;
                if (t.ContainsKey("x"))
                {
                    q = k = v = t["x"];
                    Adopt(c, mha, t, "x");
                }
                else if (!t.ContainsKey("value"))
                {
                    (q, k) = (t["query"], t["key"]);
                    v = k;
                    Adopt(c, mha, t, "query", "key");
                }
                else
                {
                    (q, k, v) = (t["query"], t["key"], t["value"]);
                    Adopt(c, mha, t, "query", "key", "value");
                }

                AttentionMask? mask = ints.ContainsKey("attn_mask") ? AttentionMask.Block(BoolMask(ints["attn_mask"]))
                    : c.Config.TryGetProperty("attn_mask", out var m) ? AttentionMask.Additive(FloatMask(m))
                    : null;
                var r = mha.Forward(q, k, v, ints.TryGetValue("key_padding_mask", out var kpm) ? BoolMask(kpm) : null, mask, needWeights: true);
                return ConcatFlat(r.Output, r.Weights!);
            }

            case "transformer_encoder_layer":
            {
                c.RequireConfigKeys("d_model", "nhead", "dim_feedforward", "activation", "layer_norm_eps", "norm_first", "batch_first");
                RequireInts(c, ints, "src_key_padding_mask");
                var layer = EncoderLayer(c);
                Adopt(c, layer, t, "src");
                return layer.Forward(t["src"], PaddingMask(ints), null);
            }

            case "transformer_encoder":
            {
                c.RequireConfigKeys("d_model", "nhead", "dim_feedforward", "activation", "layer_norm_eps", "norm_first", "batch_first", "num_layers", "final_norm");
                RequireInts(c, ints, "src_key_padding_mask");
                var layers = Enumerable.Range(0, ConfigInt(c, "num_layers")).Select(_ => EncoderLayer(c)).ToList();
                var norm = c.Config.GetProperty("final_norm").GetBoolean()
                    ? new LayerNorm(ConfigInt(c, "d_model")) { Eps = (float)c.ConfigNumber("layer_norm_eps", 1e-5) }
                    : null;
                var encoder = new TransformerEncoder(layers, norm);
                Adopt(c, encoder, t, "src");
                return encoder.Forward(t["src"], PaddingMask(ints), null);
            }

            case "conv1d":
                c.RequireConfigKeys("stride", "padding", "dilation");
                RequireInts(c, ints);
                RequireTensors(c, t, "x", "weight", "bias");
                return Functional.Conv1d(t["x"], t["weight"], t.GetValueOrDefault("bias"),
                    ConfigInt(c, "stride"), ConfigInt(c, "padding"), ConfigInt(c, "dilation"));

            case "residual_block":
            {
                c.RequireConfigKeys("in_channels", "out_channels", "stride");
                RequireInts(c, ints);
                var block = new ResidualBlock(ConfigInt(c, "in_channels"), ConfigInt(c, "out_channels"), ConfigInt(c, "stride"), new Rng(0));
                Adopt(c, block, t, "x");
                return block.Forward(t["x"]);
            }

            case "masked_mean_pool" or "masked_max_pool":
                c.RequireConfigKeys();
                RequireInts(c, ints, "lengths");
                RequireTensors(c, t, "x");
                return c.Op == "masked_mean_pool"
                    ? Functional.MaskedMeanPool(t["x"], ints["lengths"].Data)
                    : Functional.MaskedMaxPool(t["x"], ints["lengths"].Data);

            case "adaptive_avg_pool2d":
            {
                c.RequireConfigKeys("output_size");
                RequireInts(c, ints);
                RequireTensors(c, t, "x");
                var size = c.Config.GetProperty("output_size").EnumerateArray().Select(e => e.GetInt32()).ToArray();
                return Functional.AdaptiveAvgPool2d(t["x"], size[0], size[1]);
            }

            case "adaptive_avg_pool1d":
                c.RequireConfigKeys("output_size");
                RequireInts(c, ints);
                RequireTensors(c, t, "x");
                return Functional.AdaptiveAvgPool1d(t["x"], ConfigInt(c, "output_size"));

            default:
                throw new InvalidDataException($"{c.Path}: unknown op '{c.Op}'.");
        }
    }

    private static TransformerEncoderLayer EncoderLayer(ReferenceCase c) => new(
        ConfigInt(c, "d_model"), ConfigInt(c, "nhead"), ConfigInt(c, "dim_feedforward"), 0f,
        c.Config.GetProperty("activation").GetString()!, (float)c.ConfigNumber("layer_norm_eps", 1e-5),
        c.Config.GetProperty("batch_first").GetBoolean(), c.Config.GetProperty("norm_first").GetBoolean(), new Rng(0));

    /// <summary>
    /// Gives <paramref name="module"/> the file's parameters (by name, shapes checked) and puts the module's tensors in
    /// their place, so the gradients compared are the module's; any other tensor must be one of <paramref name="inputs"/>.
    /// </summary>
    private static void Adopt(ReferenceCase c, Module module, Dictionary<string, Tensor> t, params string[] inputs)
    {
        var names = new HashSet<string>(inputs);
        foreach (var (name, p) in module.NamedParameters())
        {
            if (!t.TryGetValue(name, out var given) || !given.Shape.SequenceEqual(p.Shape))
            {
                throw new InvalidDataException($"{c.Path}: parameter '{name}' {Shapes.Format(p.Shape)} missing or of another shape.");
            }

            given.Data.CopyTo(p.Data);
            t[name] = p;
            names.Add(name);
        }

        RequireTensors(c, t, [.. names]);
    }

    private static void RequireTensors(ReferenceCase c, Dictionary<string, Tensor> t, params string[] allowed)
    {
        foreach (var k in t.Keys.Where(k => !allowed.Contains(k)))
        {
            throw new InvalidDataException($"{c.Path}: unknown tensor '{k}' for op '{c.Op}'.");
        }
    }

    private static void RequireInts(ReferenceCase c, Dictionary<string, (int[] Shape, int[] Data)> ints, params string[] allowed)
    {
        foreach (var k in ints.Keys.Where(k => !allowed.Contains(k)))
        {
            throw new InvalidDataException($"{c.Path}: unknown int input '{k}' for op '{c.Op}'.");
        }
    }

    private static bool[,]? PaddingMask(Dictionary<string, (int[] Shape, int[] Data)> ints) =>
        ints.TryGetValue("src_key_padding_mask", out var m) ? BoolMask(m) : null;

    private static bool[,] BoolMask((int[] Shape, int[] Data) m)
    {
        var mask = new bool[m.Shape[0], m.Shape[1]];
        for (int i = 0; i < m.Shape[0]; i++)
        {
            for (int j = 0; j < m.Shape[1]; j++)
            {
                mask[i, j] = m.Data[(i * m.Shape[1]) + j] != 0;
            }
        }

        return mask;
    }

    private static float[,] FloatMask(JsonElement rows)
    {
        var values = rows.EnumerateArray().Select(r => r.EnumerateArray().Select(v => (float)v.GetDouble()).ToArray()).ToArray();
        var mask = new float[values.Length, values[0].Length];
        for (int i = 0; i < values.Length; i++)
        {
            for (int j = 0; j < values[i].Length; j++)
            {
                mask[i, j] = values[i][j];
            }
        }

        return mask;
    }
}
