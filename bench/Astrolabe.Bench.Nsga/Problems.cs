namespace Astrolabe.Bench.Nsga;

/// <summary>A multi-objective test problem: its objectives, optional constraints, and the reference point its hypervolume is measured against.</summary>
/// <param name="Name">The name both sides print.</param>
/// <param name="Objectives">The minimised objectives of a trial's parameters.</param>
/// <param name="Count">How many objectives.</param>
/// <param name="Reference">The reference point of the hypervolume.</param>
/// <param name="Constraints">Constraint values of a trial's objective values (feasible when all ≤ 0), or null.</param>
internal sealed record Problem(string Name, Func<Trial, double[]> Objectives, int Count, double[] Reference, Func<double[], double[]>? Constraints = null);

/// <summary>The bench's problems; peer_nsga.py defines the same ones.</summary>
internal static class Problems
{
    public static IReadOnlyList<Problem> All { get; } =
    [
        new("zdt1", t => Zdt(Floats(t, 30), Root), 2, [1.1, 11]),
        new("zdt2", t => Zdt(Floats(t, 30), Square), 2, [1.1, 11]),
        new("zdt3", t => Zdt(Floats(t, 30), Sine), 2, [1.1, 11]),
        new("dtlz2", t => Dtlz2(Floats(t, 12)), 3, [2.5, 2.5, 2.5]),
        new("c2dtlz2", t => Dtlz2(Floats(t, 12)), 3, [2.5, 2.5, 2.5], C2),
    ];

    private static double[] Floats(Trial t, int n)
    {
        var x = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = t.SuggestFloat($"x{i}", 0, 1);
        }

        return x;
    }

    // ZDT: f1 = x0, g = 1 + 9 Σ_{i>0} x_i / (n − 1), f2 = g · h(f1, g).
    private static double[] Zdt(double[] x, Func<double, double, double> h)
    {
        double g = 1 + (9 * x.Skip(1).Sum() / (x.Length - 1));
        return [x[0], g * h(x[0], g)];
    }

    private static double Root(double f1, double g) => 1 - Math.Sqrt(f1 / g);

    private static double Square(double f1, double g) => 1 - ((f1 / g) * (f1 / g));

    private static double Sine(double f1, double g) => 1 - Math.Sqrt(f1 / g) - (f1 / g * Math.Sin(10 * Math.PI * f1));

    // DTLZ2 with 3 objectives and k = n − 2 distance variables.
    private static double[] Dtlz2(double[] x)
    {
        double g = x.Skip(2).Sum(v => (v - 0.5) * (v - 0.5));
        double a = x[0] * Math.PI / 2, b = x[1] * Math.PI / 2;
        return [(1 + g) * Math.Cos(a) * Math.Cos(b), (1 + g) * Math.Cos(a) * Math.Sin(b), (1 + g) * Math.Sin(a)];
    }

    // C2-DTLZ2 (Jain and Deb 2014, as pymoo): feasible near the front's corners and centre, r = 0.4 for 3 objectives.
    private static double[] C2(double[] f)
    {
        const double r = 0.4;
        double squares = f.Sum(v => v * v);
        double corners = double.PositiveInfinity;
        for (int i = 0; i < f.Length; i++)
        {
            corners = Math.Min(corners, ((f[i] - 1) * (f[i] - 1)) + (squares - (f[i] * f[i])) - (r * r));
        }

        double a = 1 / Math.Sqrt(f.Length);
        double centre = f.Sum(v => (v - a) * (v - a)) - (r * r);
        return [Math.Min(corners, centre)];
    }
}
