namespace Astrolabe.Bench.CmaEs;

/// <summary>A minimisation problem on a box whose optimum value is 0, so the best value found is the regret.</summary>
internal sealed record Problem(string Name, Func<double[], double> F, (double Low, double High)[] Bounds);

/// <summary>The benchmark problems, defined exactly as in problems.py (same names, bounds and optima).</summary>
internal static class Problems
{
    private static readonly int[] Dims = [2, 5, 10, 20];

    public static IReadOnlyList<Problem> All()
    {
        var families = new (string Name, Func<double[], double> F, double Low, double High)[]
        {
            ("sphere", Sphere, -5, 5),
            ("rotated_ellipsoid", RotatedEllipsoid, -5, 5),
            ("rosenbrock", Rosenbrock, -2.048, 2.048),
            ("rastrigin", Rastrigin, -5.12, 5.12),
            ("ackley", Ackley, -32.768, 32.768),
            ("styblinski_tang", StyblinskiTang, -5, 5),
            ("levy", Levy, -10, 10),
        };
        var list = (from f in families from d in Dims select new Problem($"{f.Name}-{d}", f.F, Enumerable.Repeat((f.Low, f.High), d).ToArray())).ToList();
        list.Add(new Problem("branin-2", Branin, [(-5, 10), (0, 15)]));
        list.Add(new Problem("hartmann6-6", Hartmann6, Enumerable.Repeat((0.0, 1.0), 6).ToArray()));
        return list;
    }

    private static double Sphere(double[] x) => x.Sum(v => v * v);

    private static double RotatedEllipsoid(double[] x)
    {
        int n = x.Length;
        var y = (double[])x.Clone();
        // A product of Givens rotations by 0.5 rad over consecutive pairs (the same matrix as problems.py).
        double c = Math.Cos(0.5), s = Math.Sin(0.5);
        for (int i = 0; i < n - 1; i++)
        {
            double a = y[i], b = y[i + 1];
            y[i] = (c * a) - (s * b);
            y[i + 1] = (s * a) + (c * b);
        }

        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            sum += Math.Pow(1e6, i / (double)(n - 1)) * y[i] * y[i];
        }

        return sum;
    }

    private static double Rosenbrock(double[] x)
    {
        double sum = 0;
        for (int i = 0; i + 1 < x.Length; i++)
        {
            sum += (100 * Math.Pow(x[i + 1] - (x[i] * x[i]), 2)) + Math.Pow(1 - x[i], 2);
        }

        return sum;
    }

    private static double Rastrigin(double[] x) => (10 * x.Length) + x.Sum(v => (v * v) - (10 * Math.Cos(2 * Math.PI * v)));

    private static double Ackley(double[] x)
    {
        int n = x.Length;
        return (-20 * Math.Exp(-0.2 * Math.Sqrt(x.Sum(v => v * v) / n))) - Math.Exp(x.Sum(v => Math.Cos(2 * Math.PI * v)) / n) + 20 + Math.E;
    }

    private static double StyblinskiTang(double[] x) => (x.Sum(v => Math.Pow(v, 4) - (16 * v * v) + (5 * v)) / 2) + (39.16616570377142 * x.Length);

    private static double Levy(double[] x)
    {
        var w = x.Select(v => 1 + ((v - 1) / 4)).ToArray();
        double head = Math.Pow(Math.Sin(Math.PI * w[0]), 2);
        double mid = 0;
        for (int i = 0; i + 1 < w.Length; i++)
        {
            mid += Math.Pow(w[i] - 1, 2) * (1 + (10 * Math.Pow(Math.Sin((Math.PI * w[i]) + 1), 2)));
        }

        double tail = Math.Pow(w[^1] - 1, 2) * (1 + Math.Pow(Math.Sin(2 * Math.PI * w[^1]), 2));
        return head + mid + tail;
    }

    private static double Branin(double[] x)
    {
        double b = 5.1 / (4 * Math.PI * Math.PI), c = 5 / Math.PI, t = 1 / (8 * Math.PI);
        return Math.Pow(x[1] - (b * x[0] * x[0]) + (c * x[0]) - 6, 2) + (10 * (1 - t) * Math.Cos(x[0])) + 10 - 0.39788735772973816;
    }

    private static readonly double[,] HA = { { 10, 3, 17, 3.5, 1.7, 8 }, { 0.05, 10, 17, 0.1, 8, 14 }, { 3, 3.5, 1.7, 10, 17, 8 }, { 17, 8, 0.05, 10, 0.1, 14 } };
    private static readonly double[,] HP = { { 1312, 1696, 5569, 124, 8283, 5886 }, { 2329, 4135, 8307, 3736, 1004, 9991 }, { 2348, 1451, 3522, 2883, 3047, 6650 }, { 4047, 8828, 8732, 5743, 1091, 381 } };
    private static readonly double[] HAlpha = [1.0, 1.2, 3.0, 3.2];

    private static double Hartmann6(double[] x)
    {
        double sum = 0;
        for (int i = 0; i < 4; i++)
        {
            double inner = 0;
            for (int j = 0; j < 6; j++)
            {
                inner += HA[i, j] * Math.Pow(x[j] - (1e-4 * HP[i, j]), 2);
            }

            sum += HAlpha[i] * Math.Exp(-inner);
        }

        return -sum + 3.322368011415515;
    }
}
