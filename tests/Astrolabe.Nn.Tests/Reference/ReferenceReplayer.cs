namespace Astrolabe.Nn.Tests.Reference;

/// <summary>Runs one reference case through Astrolabe.Nn in float32 and compares output and gradients.</summary>
internal static partial class ReferenceReplayer
{
    public const double Rtol = 1e-4;
    public const double Atol = 1e-5;

    /// <summary>The ops compared exactly (float32 equality), not within <see cref="Rtol"/> and <see cref="Atol"/>.</summary>
    private static readonly HashSet<string> s_exactOps = ["fake_quantize_per_tensor_affine", "fake_quantize_per_channel_affine"];

    /// <summary>Returns a list of mismatch descriptions (empty when the case passes).</summary>
    public static List<string> Replay(ReferenceCase c)
    {
        var tensors = new Dictionary<string, Tensor>();
        foreach (var (name, (shape, data)) in c.Inputs.Concat(c.Params))
        {
            tensors[name] = new Tensor(data.Select(v => (float)v).ToArray(), shape).RequireGrad();
        }

        var ints = c.IntInputs.ToDictionary(kv => kv.Key, kv => (kv.Value.Shape, Data: kv.Value.Data.Select(v => (int)v).ToArray()));
        var output = Run(c, tensors, ints);
        var errors = new List<string>();
        bool exact = s_exactOps.Contains(c.Op);
        Compare("output", output.Data, output.Shape, c.Output, exact, errors);
        if (c.GradOutput is { } go)
        {
            output.Backward(go.Data.Select(v => (float)v).ToArray());
        }
        else
        {
            output.Backward();
        }

        foreach (var (name, expected) in c.Grads)
        {
            if (!tensors.TryGetValue(name, out var t))
            {
                throw new InvalidDataException($"{c.Path}: gradient for unknown tensor '{name}'.");
            }

            Compare($"grad {name}", t.Grad ?? new float[t.Length], t.Shape, expected, exact, errors);
        }

        return errors;
    }

    private static Tensor Run(ReferenceCase c, Dictionary<string, Tensor> t, Dictionary<string, (int[] Shape, int[] Data)> ints)
    {
        Tensor T(string name) => t.TryGetValue(name, out var v)
            ? v
            : throw new InvalidDataException($"{c.Path}: op '{c.Op}' needs tensor '{name}'.");
        Tensor? Opt(string name) => t.GetValueOrDefault(name);
        void Only(string[] tensorNames, string[] intNames, params string[] configKeys)
        {
            c.RequireConfigKeys(configKeys);
            foreach (var k in t.Keys.Where(k => !tensorNames.Contains(k)))
            {
                throw new InvalidDataException($"{c.Path}: unknown tensor '{k}' for op '{c.Op}'.");
            }

            foreach (var k in ints.Keys.Where(k => !intNames.Contains(k)))
            {
                throw new InvalidDataException($"{c.Path}: unknown int input '{k}' for op '{c.Op}'.");
            }
        }

        string[] x = ["x"];
        switch (c.Op)
        {
            case "linear":
                Only(["x", "weight", "bias"], []);
                return Functional.Linear(T("x"), T("weight"), Opt("bias"));
            case "relu": Only(x, []); return Functional.Relu(T("x"));
            case "tanh": Only(x, []); return Functional.Tanh(T("x"));
            case "sigmoid": Only(x, []); return Functional.Sigmoid(T("x"));
            case "gelu": Only(x, []); return Functional.Gelu(T("x"));
            case "silu": Only(x, []); return Functional.Silu(T("x"));
            case "softplus": Only(x, [], "beta"); return Functional.Softplus(T("x"));
            case "elu": Only(x, [], "alpha"); return Functional.Elu(T("x"), (float)c.ConfigNumber("alpha", 1));
            case "leaky_relu":
                Only(x, [], "negative_slope");
                return Functional.LeakyRelu(T("x"), (float)c.ConfigNumber("negative_slope", 0.01));
            case "softmax": Only(x, [], "dim"); RequireLastDim(c); return Functional.Softmax(T("x"));
            case "log_softmax": Only(x, [], "dim"); RequireLastDim(c); return Functional.LogSoftmax(T("x"));
            case "cross_entropy":
                Only(["logits"], ["target"], "reduction", "label_smoothing");
                RequireMean(c);
                return Functional.CrossEntropy(T("logits"), ints["target"].Data, (float)c.ConfigNumber("label_smoothing", 0));
            case "bce_with_logits":
                Only(["logits"], ["target"], "reduction");
                RequireMean(c);
                var (ts, td) = ints["target"];
                return Functional.BceWithLogits(T("logits"), new Tensor(td.Select(v => (float)v).ToArray(), ts));
            case "mse_loss":
                Only(["input", "target"], [], "reduction");
                RequireMean(c);
                return Functional.MseLoss(T("input"), T("target"));
            case "huber_loss":
                Only(["input", "target"], [], "reduction", "delta");
                RequireMean(c);
                return Functional.HuberLoss(T("input"), T("target"), (float)c.ConfigNumber("delta", 1));
            case "layer_norm":
                Only(["x", "weight", "bias"], [], "normalized_shape", "eps");
                int size = c.Config.GetProperty("normalized_shape").EnumerateArray().Aggregate(1, (a, e) => a * e.GetInt32());
                return Functional.LayerNorm(T("x"), size, Opt("weight"), Opt("bias"), (float)c.ConfigNumber("eps", 1e-5));
            case "batch_norm":
                Only(["x", "weight", "bias"], [], "training", "eps", "momentum");
                if (!c.Config.GetProperty("training").GetBoolean())
                {
                    throw new InvalidDataException($"{c.Path}: only training-mode batch_norm files carry no running statistics.");
                }

                return Functional.BatchNorm(T("x"), null, null, Opt("weight"), Opt("bias"), true,
                    (float)c.ConfigNumber("momentum", 0.1), (float)c.ConfigNumber("eps", 1e-5));
            case "conv2d":
                Only(["x", "weight", "bias"], [], "stride", "padding");
                return Functional.Conv2d(T("x"), T("weight"), Opt("bias"), (int)c.ConfigNumber("stride", 1), (int)c.ConfigNumber("padding", 0));
            case "max_pool2d":
                Only(x, [], "kernel_size", "stride");
                return Functional.MaxPool2d(T("x"), (int)c.ConfigNumber("kernel_size", 2), (int)c.ConfigNumber("stride", c.ConfigNumber("kernel_size", 2)));
            case "avg_pool2d":
                Only(x, [], "kernel_size", "stride");
                return Functional.AvgPool2d(T("x"), (int)c.ConfigNumber("kernel_size", 2), (int)c.ConfigNumber("stride", c.ConfigNumber("kernel_size", 2)));
            case "embedding":
                Only(["weight"], ["indices"]);
                return Functional.Embedding(ints["indices"].Data, ints["indices"].Shape, T("weight"));
            case "mlp2_cross_entropy":
                Only(["x", "w1", "b1", "w2", "b2"], ["target"], "hidden_activation");
                var hidden = Functional.Linear(T("x"), T("w1"), T("b1"));
                hidden = c.Config.GetProperty("hidden_activation").GetString() switch
                {
                    "tanh" => Functional.Tanh(hidden),
                    "relu" => Functional.Relu(hidden),
                    var other => throw new InvalidDataException($"{c.Path}: unknown hidden_activation '{other}'."),
                };
                return Functional.CrossEntropy(Functional.Linear(hidden, T("w2"), T("b2")), ints["target"].Data);
            case "fake_quantize_per_tensor_affine":
                Only(x, [], "scale", "zero_point", "quant_min", "quant_max");
                return FakeQuant.FakeQuantizePerTensorAffine(T("x"), (float)c.ConfigNumber("scale", double.NaN),
                    ConfigInt(c, "zero_point"), ConfigInt(c, "quant_min"), ConfigInt(c, "quant_max"));
            case "fake_quantize_per_channel_affine":
                Only(x, [], "scales", "zero_points", "axis", "quant_min", "quant_max");
                return FakeQuant.FakeQuantizePerChannelAffine(T("x"),
                    [.. c.Config.GetProperty("scales").EnumerateArray().Select(e => (float)e.GetDouble())],
                    [.. c.Config.GetProperty("zero_points").EnumerateArray().Select(e => e.GetInt32())],
                    ConfigInt(c, "axis"), ConfigInt(c, "quant_min"), ConfigInt(c, "quant_max"));
            case "lstm" or "gru": return ReplayRecurrent(c, t, ints);
            case "qat_linear":
                Only(["x_warmup", "x", "weight", "bias"], [],
                    "input_quant_min", "input_quant_max", "weight_quant_min", "weight_quant_max", "averaging_constant");
                return ReplayQatLinear(c, t);
            case var op when s_layerOps.Contains(op):
                return ReplayLayer(c, t, ints);
            case "embedding_padding" or "embedding_bag" or "cross_entropy_weighted" or "bpr_loss" or "margin_ranking_loss":
                return RunEmbeddingsAndRanking(c, t, ints);
            default:
                return RunTensorOp(c, t, ints) ?? throw new InvalidDataException($"{c.Path}: unknown op '{c.Op}'.");
        }
    }

    /// <summary>
    /// A <see cref="QatLinear"/> in training mode over a Linear holding the file's weight and bias (which take their
    /// place in <paramref name="t"/>, for the gradients): a forward of <c>x_warmup</c> to seed the observers, then the
    /// recorded forward of <c>x</c>.
    /// </summary>
    private static Tensor ReplayQatLinear(ReferenceCase c, Dictionary<string, Tensor> t)
    {
        var weight = t["weight"];
        var linear = new Linear(weight.Dim(1), weight.Dim(0), bias: t.ContainsKey("bias"), rng: new Rng(0));
        weight.Data.CopyTo(linear.Weight.Data);
        t["weight"] = linear.Weight;
        if (linear.Bias is not null)
        {
            t["bias"].Data.CopyTo(linear.Bias.Data);
            t["bias"] = linear.Bias;
        }

        var qat = new QatLinear(linear);
        if ((ConfigInt(c, "input_quant_min"), ConfigInt(c, "input_quant_max"), ConfigInt(c, "weight_quant_min"), ConfigInt(c, "weight_quant_max"))
            != (qat.InputFakeQuant.QuantMin, qat.InputFakeQuant.QuantMax, qat.WeightFakeQuant.QuantMin, qat.WeightFakeQuant.QuantMax)
            || (float)c.ConfigNumber("averaging_constant", double.NaN) != qat.InputFakeQuant.AveragingConstant)
        {
            throw new InvalidDataException($"{c.Path}: QatLinear has fixed ranges 0…255 and −128…127 with averaging constant 0.01.");
        }

        qat.Forward(t["x_warmup"]);
        return qat.Forward(t["x"]);
    }

    /// <summary>A required integer config value.</summary>
    private static int ConfigInt(ReferenceCase c, string key) => c.Config.TryGetProperty(key, out var v)
        ? v.GetInt32()
        : throw new InvalidDataException($"{c.Path}: op '{c.Op}' needs config '{key}'.");

    private static void RequireMean(ReferenceCase c)
    {
        if (c.Config.TryGetProperty("reduction", out var r) && r.GetString() != "mean")
        {
            throw new InvalidDataException($"{c.Path}: unsupported reduction '{r.GetString()}'.");
        }
    }

    private static void RequireLastDim(ReferenceCase c)
    {
        if (c.Config.TryGetProperty("dim", out var d) && d.GetInt32() != -1)
        {
            throw new InvalidDataException($"{c.Path}: only dim -1 is replayed, got {d.GetInt32()}.");
        }
    }

    /// <summary>
    /// Within tolerance, or, when <paramref name="exact"/>, equal to the reference (a float32 value then; +0 and −0
    /// count as equal, since a leaf's gradient is added to its zeroed buffer where PyTorch assigns it).
    /// </summary>
    private static void Compare(string what, float[] actual, int[] shape, (int[] Shape, double[] Data) expected, bool exact, List<string> errors)
    {
        if (!shape.SequenceEqual(expected.Shape) || actual.Length != expected.Data.Length)
        {
            errors.Add($"{what}: shape [{string.Join(", ", shape)}], expected [{string.Join(", ", expected.Shape)}]");
            return;
        }

        for (int i = 0; i < actual.Length; i++)
        {
            double r = expected.Data[i];
            bool ok = exact ? actual[i] == r : Math.Abs(actual[i] - r) <= Atol + (Rtol * Math.Abs(r));
            if (!ok)
            {
                errors.Add($"{what}[{i}] = {actual[i]:R}, expected {r:R}");
            }
        }
    }

    /// <summary>Several outputs flattened one after another (how a file records them), the gradient split back onto each.</summary>
    private static Tensor ConcatFlat(params Tensor[] parts) => Functional.Concat([.. parts.Select(p => p.Reshape(-1))], 0);
}
