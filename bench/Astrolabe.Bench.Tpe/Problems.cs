namespace Astrolabe.Bench.Tpe;

/// <summary>
/// The benchmark problems, each with its known optimum; the Python peer (peer_tpe.py) defines the same
/// ones with the same names, bounds and parameter names, so both sides search the same spaces.
/// </summary>
internal static class Problems
{
    public static readonly IReadOnlyList<Problem> All =
    [
        new("sphere-10", 0, t => Floats(t, 10, -5, 5).Sum(x => x * x)),
        new("sphere-20", 0, t => Floats(t, 20, -5, 5).Sum(x => x * x)),
        new("rotated-ellipsoid-5", 0, t => Ellipsoid(Rotate(Floats(t, 5, -5, 5)))),
        new("rosenbrock-4", 0, t => Rosenbrock(Floats(t, 4, -2, 2))),
        new("rastrigin-5", 0, t => Floats(t, 5, -5.12, 5.12).Sum(x => (x * x) - (10 * Math.Cos(2 * Math.PI * x)) + 10)),
        new("rastrigin-20", 0, t => Floats(t, 20, -5.12, 5.12).Sum(x => (x * x) - (10 * Math.Cos(2 * Math.PI * x)) + 10)),
        new("ackley-5", 0, t => Ackley(Floats(t, 5, -32.768, 32.768))),
        new("styblinski-tang-5", -39.16616570377142 * 5, t => Floats(t, 5, -5, 5).Sum(x => (Math.Pow(x, 4) - (16 * x * x) + (5 * x)) / 2)),
        new("branin-2", 0.397887357729738, t => Branin(t.SuggestFloat("x0", -5, 10), t.SuggestFloat("x1", 0, 15))),
        new("hartmann-6", -3.32236801141551, t => Hartmann6(Floats(t, 6, 0, 1))),
        new("levy-5", 0, t => Levy(Floats(t, 5, -10, 10))),
        new("mixed-7", 0, Mixed),
        new("conditional-3", 0, Conditional),
    ];

    private static double[] Floats(Trial t, int d, double low, double high)
    {
        var x = new double[d];
        for (int i = 0; i < d; i++)
        {
            x[i] = t.SuggestFloat($"x{i}", low, high);
        }

        return x;
    }

    // A fixed rotation: Givens rotations by π/6 over the pairs (0,1), (1,2), ...
    private static double[] Rotate(double[] x)
    {
        var z = (double[])x.Clone();
        double c = Math.Cos(Math.PI / 6), s = Math.Sin(Math.PI / 6);
        for (int i = 0; i + 1 < z.Length; i++)
        {
            (z[i], z[i + 1]) = ((c * z[i]) - (s * z[i + 1]), (s * z[i]) + (c * z[i + 1]));
        }

        return z;
    }

    private static double Ellipsoid(double[] z) => z.Select((v, i) => Math.Pow(10, 3.0 * i / (z.Length - 1)) * v * v).Sum();

    private static double Rosenbrock(double[] x) =>
        Enumerable.Range(0, x.Length - 1).Sum(i => (100 * Math.Pow(x[i + 1] - (x[i] * x[i]), 2)) + Math.Pow(1 - x[i], 2));

    private static double Ackley(double[] x)
    {
        double d = x.Length;
        return (-20 * Math.Exp(-0.2 * Math.Sqrt(x.Sum(v => v * v) / d))) - Math.Exp(x.Sum(v => Math.Cos(2 * Math.PI * v)) / d) + 20 + Math.E;
    }

    private static double Branin(double x, double y)
    {
        double b = 5.1 / (4 * Math.PI * Math.PI), c = 5 / Math.PI, t = 1 / (8 * Math.PI);
        return Math.Pow(y - (b * x * x) + (c * x) - 6, 2) + (10 * (1 - t) * Math.Cos(x)) + 10;
    }

    private static readonly double[] HartmannAlpha = [1.0, 1.2, 3.0, 3.2];
    private static readonly double[,] HartmannA = { { 10, 3, 17, 3.5, 1.7, 8 }, { 0.05, 10, 17, 0.1, 8, 14 }, { 3, 3.5, 1.7, 10, 17, 8 }, { 17, 8, 0.05, 10, 0.1, 14 } };
    private static readonly double[,] HartmannP =
    {
        { 0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886 }, { 0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991 },
        { 0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650 }, { 0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381 },
    };

    private static double Hartmann6(double[] x)
    {
        double total = 0;
        for (int i = 0; i < 4; i++)
        {
            double inner = 0;
            for (int j = 0; j < 6; j++)
            {
                inner += HartmannA[i, j] * Math.Pow(x[j] - HartmannP[i, j], 2);
            }

            total -= HartmannAlpha[i] * Math.Exp(-inner);
        }

        return total;
    }

    private static double Levy(double[] x)
    {
        var w = x.Select(v => 1 + ((v - 1) / 4)).ToArray();
        int d = w.Length;
        double sum = Math.Pow(Math.Sin(Math.PI * w[0]), 2) + (Math.Pow(w[d - 1] - 1, 2) * (1 + Math.Pow(Math.Sin(2 * Math.PI * w[d - 1]), 2)));
        for (int i = 0; i < d - 1; i++)
        {
            sum += Math.Pow(w[i] - 1, 2) * (1 + (10 * Math.Pow(Math.Sin((Math.PI * w[i]) + 1), 2)));
        }

        return sum;
    }

    // Three ints, two floats, a log-scale float and a categorical; optimum 0 at n=3, x=1, lr=1e-3, c="b".
    private static double Mixed(Trial t)
    {
        double f = 0;
        for (int i = 0; i < 3; i++)
        {
            f += Math.Pow(t.SuggestInt($"n{i}", -10, 10) - 3, 2);
        }

        for (int i = 0; i < 2; i++)
        {
            f += Math.Pow(t.SuggestFloat($"x{i}", -5, 5) - 1, 2);
        }

        f += Math.Pow(Math.Log10(t.SuggestFloat("lr", 1e-5, 1, log: true)) + 3, 2);
        return f + t.SuggestCategorical("c", ["a", "b", "c", "d"]) switch { "a" => 2, "b" => 0, "c" => 1, _ => 3 };
    }

    // A categorical choice of model, each with its own parameters; optimum 0 in branch "b".
    private static double Conditional(Trial t) => t.SuggestCategorical("model", ["a", "b", "c"]) switch
    {
        "a" => 1 + Math.Pow(t.SuggestFloat("a_x", -5, 5), 2) + Math.Pow(t.SuggestFloat("a_y", -5, 5), 2),
        "b" => Enumerable.Range(0, 3).Sum(i => Math.Pow(t.SuggestFloat($"b_u{i}", -5, 5) - 2, 2)),
        _ => 0.5 + (Math.Pow(t.SuggestInt("c_k", 1, 20) - 7, 2) / 10) + Math.Pow(t.SuggestFloat("c_z", -5, 5) + 1, 2),
    };
}

/// <summary>A minimisation problem with a known optimum value.</summary>
internal sealed record Problem(string Name, double Optimum, Func<Trial, double> Objective);
