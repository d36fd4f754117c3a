using System.Text.Json;

namespace Astrolabe.Nn.Tests.Reference;

/// <summary>Replays the general tensor operations (the <c>ops_*.json</c> files of <c>generate_tensor_ops.py</c>).</summary>
internal static partial class ReferenceReplayer
{
    /// <summary>The op's output, or null when <paramref name="c"/> is not a tensor operation.</summary>
    private static Tensor? RunTensorOp(ReferenceCase c, Dictionary<string, Tensor> t, Dictionary<string, (int[] Shape, int[] Data)> ints)
    {
        Tensor T(string name) => t.TryGetValue(name, out var v)
            ? v
            : throw new InvalidDataException($"{c.Path}: op '{c.Op}' needs tensor '{name}'.");
        (int[] Shape, int[] Data) I(string name) => ints.TryGetValue(name, out var v)
            ? v
            : throw new InvalidDataException($"{c.Path}: op '{c.Op}' needs int input '{name}'.");
        bool[] Mask(string name) => [.. I(name).Data.Select(v => v != 0)];
        void Only(string[] tensorNames, string[] intNames, params string[] configKeys)
        {
            c.RequireConfigKeys(configKeys);
            foreach (var k in t.Keys.Where(k => !tensorNames.Contains(k)).Concat(ints.Keys.Where(k => !intNames.Contains(k))))
            {
                throw new InvalidDataException($"{c.Path}: unknown input '{k}' for op '{c.Op}'.");
            }
        }

        int Dim() => ConfigInt(c, "dim");
        bool KeepDim() => c.Config.GetProperty("keepdim").GetBoolean();
        string[] ab = ["a", "b"];
        string[] x = ["x"];
        switch (c.Op)
        {
            case "add": Only(ab, []); return Functional.Add(T("a"), T("b"));
            case "sub": Only(ab, []); return Functional.Sub(T("a"), T("b"));
            case "mul": Only(ab, []); return Functional.Mul(T("a"), T("b"));
            case "div": Only(ab, []); return Functional.Div(T("a"), T("b"));
            case "add_scalar": Only(x, [], "other"); return Functional.Add(T("x"), (float)c.ConfigNumber("other", double.NaN));
            case "div_scalar": Only(x, [], "other"); return Functional.Div(T("x"), (float)c.ConfigNumber("other", double.NaN));
            case "sum_dim": Only(x, [], "dim", "keepdim"); return Functional.Sum(T("x"), Dim(), KeepDim());
            case "mean_dim": Only(x, [], "dim", "keepdim"); return Functional.Mean(T("x"), Dim(), KeepDim());
            case "max_dim":
                Only(x, [], "dim", "keepdim");
                var (values, indices) = Functional.Max(T("x"), Dim(), KeepDim());
                return Functional.Concat([values.Reshape(-1), new Tensor([.. indices.Select(i => (float)i)], [indices.Length])], 0);
            case "gather":
                Only(x, ["index"], "dim");
                return Functional.Gather(T("x"), Dim(), I("index").Data, I("index").Shape);
            case "index_select":
                Only(x, ["index"], "dim");
                if (I("index").Shape.Length != 1)
                {
                    throw new InvalidDataException($"{c.Path}: index_select needs a 1-D index.");
                }

                return Functional.IndexSelect(T("x"), Dim(), I("index").Data);
            case "cat":
                var parts = Enumerable.Range(0, t.Count).Select(i => $"x{i}").ToArray();
                Only(parts, [], "dim");
                return Functional.Concat([.. parts.Select(T)], Dim());
            case "split":
                Only(x, [], "split_size_or_sections", "dim");
                var sections = c.Config.GetProperty("split_size_or_sections");
                var pieces = sections.ValueKind == JsonValueKind.Array
                    ? Functional.Split(T("x"), [.. sections.EnumerateArray().Select(e => e.GetInt32())], Dim())
                    : Functional.Split(T("x"), sections.GetInt32(), Dim());
                return Functional.Concat([.. pieces.Select(p => p.Reshape(-1))], 0);
            case "transpose":
                Only(x, [], "dim0", "dim1");
                return Functional.Transpose(T("x"), ConfigInt(c, "dim0"), ConfigInt(c, "dim1"));
            case "permute":
                Only(x, [], "dims");
                return Functional.Permute(T("x"), [.. c.Config.GetProperty("dims").EnumerateArray().Select(e => e.GetInt32())]);
            case "unsqueeze": Only(x, [], "dim"); return Functional.Unsqueeze(T("x"), Dim());
            case "squeeze": Only(x, [], "dim"); return Functional.Squeeze(T("x"), Dim());
            case "bmm":
                Only(ab, [], "transpose_a", "transpose_b");
                return Functional.BatchedMatMul(T("a"), T("b"),
                    c.Config.GetProperty("transpose_a").GetBoolean(), c.Config.GetProperty("transpose_b").GetBoolean());
            case "masked_fill":
                Only(x, ["mask"], "value");
                return Functional.MaskedFill(T("x"), Mask("mask"), I("mask").Shape, (float)c.ConfigNumber("value", double.NaN));
            case "where":
                Only(ab, ["condition"]);
                return Functional.Where(Mask("condition"), I("condition").Shape, T("a"), T("b"));
            default:
                return null;
        }
    }
}
