using System.Text.Json;

namespace Astrolabe.Optim.Tests;

/// <summary>The loss and gradient of a reference file's problem, in float64 from the float32 parameters.</summary>
internal sealed class ReferenceProblem
{
    private readonly string kind;
    private readonly Dictionary<string, double[]> curvature = [];
    private readonly Dictionary<string, double[]> center = [];
    private readonly double[] x = [];
    private readonly double[] y = [];

    public ReferenceProblem(JsonElement problem, string file)
    {
        var args = new JsonArgs(problem, $"{file}: problem");
        kind = args.S("kind", "");
        switch (kind)
        {
            case "quadratic":
                foreach (var p in args.Get("curvature").EnumerateObject())
                {
                    curvature[p.Name] = Data(p.Value);
                }

                foreach (var p in args.Get("center").EnumerateObject())
                {
                    center[p.Name] = Data(p.Value);
                }

                break;
            case "rosenbrock":
                break;
            case "logistic":
                x = Data(args.Get("X"));
                y = Data(args.Get("y"));
                break;
            default:
                throw new InvalidDataException($"{file}: unknown problem kind '{kind}'.");
        }

        args.EnsureAllUsed();
    }

    /// <summary>Writes the gradients into the parameters' Grad buffers and returns the loss.</summary>
    public double Evaluate(IReadOnlyList<Parameter> ps) => kind switch
    {
        "quadratic" => Quadratic(ps),
        "rosenbrock" => Rosenbrock(ps[0]),
        _ => Logistic(ps.Single(p => p.Name == "w"), ps.Single(p => p.Name == "b")),
    };

    private static double[] Data(JsonElement e)
    {
        var d = e.ValueKind == JsonValueKind.Array ? e : e.GetProperty("data");
        return [.. d.EnumerateArray().Select(v => v.GetDouble())];
    }

    private double Quadratic(IReadOnlyList<Parameter> ps)
    {
        double loss = 0;
        foreach (var p in ps)
        {
            double[] c = curvature[p.Name], m = center[p.Name];
            for (int j = 0; j < p.Length; j++)
            {
                double d = p.Value[j] - m[j];
                loss += 0.5 * c[j] * d * d;
                p.Grad[j] = (float)(c[j] * d);
            }
        }

        return loss;
    }

    private static double Rosenbrock(Parameter p)
    {
        double loss = 0;
        for (int i = 0; i < p.Length / 2; i++)
        {
            double a = p.Value[2 * i], b = p.Value[(2 * i) + 1], r = b - (a * a);
            loss += (100 * r * r) + ((1 - a) * (1 - a));
            p.Grad[2 * i] = (float)((-400 * a * r) - (2 * (1 - a)));
            p.Grad[(2 * i) + 1] = (float)(200 * r);
        }

        return loss;
    }

    private double Logistic(Parameter w, Parameter b)
    {
        int n = w.Length, rows = y.Length;
        var gw = new double[n];
        double loss = 0, gb = 0;
        for (int r = 0; r < rows; r++)
        {
            double z = b.Value[0];
            for (int k = 0; k < n; k++)
            {
                z += x[(r * n) + k] * w.Value[k];
            }

            loss += Math.Max(z, 0) - (z * y[r]) + Math.Log(1 + Math.Exp(-Math.Abs(z)));
            double g = ((1 / (1 + Math.Exp(-z))) - y[r]) / rows;
            gb += g;
            for (int k = 0; k < n; k++)
            {
                gw[k] += g * x[(r * n) + k];
            }
        }

        for (int k = 0; k < n; k++)
        {
            w.Grad[k] = (float)gw[k];
        }

        b.Grad[0] = (float)gb;
        return loss / rows;
    }
}
