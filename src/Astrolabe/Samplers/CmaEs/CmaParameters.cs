namespace Astrolabe;

/// <summary>
/// The strategy parameters of CMA-ES for a dimension and population size: recombination weights (with
/// negative weights for the active update of the full variant) and learning rates, per Hansen's tutorial
/// (2016, Table 1) and, for the separable variant, Ros and Hansen (2008).
/// </summary>
internal sealed class CmaParameters
{
    private CmaParameters(int dim, int popsize, double[] weights, int mu, double muEff, double c1, double cmu, double cSigma, double cc)
    {
        Dim = dim;
        Popsize = popsize;
        Weights = weights;
        Mu = mu;
        MuEff = muEff;
        C1 = c1;
        Cmu = cmu;
        CSigma = cSigma;
        Cc = cc;
        DSigma = 1 + (2 * Math.Max(0, Math.Sqrt((muEff - 1) / (dim + 1)) - 1)) + cSigma;
        ChiN = Math.Sqrt(dim) * (1.0 - (1.0 / (4.0 * dim)) + (1.0 / (21.0 * dim * dim)));
        WeightSum = weights.Sum();
    }

    public int Dim { get; }

    public int Popsize { get; }

    /// <summary>One weight per rank (best first); positive for the μ best, negative (full variant) for the rest.</summary>
    public double[] Weights { get; }

    public int Mu { get; }

    public double MuEff { get; }

    public double C1 { get; }

    public double Cmu { get; }

    public double CSigma { get; }

    public double DSigma { get; }

    public double Cc { get; }

    public double ChiN { get; }

    public double WeightSum { get; }

    /// <summary>The default population size 4 + ⌊3 ln n⌋.</summary>
    public static int DefaultPopsize(int dim) => 4 + (int)Math.Floor(3 * Math.Log(dim));

    /// <summary>The parameters of the full-covariance strategy with active (negative-weight) rank-μ update.</summary>
    public static CmaParameters Full(int n, int popsize)
    {
        int mu = popsize / 2;
        var prime = Enumerable.Range(0, popsize).Select(i => Math.Log((popsize + 1) / 2.0) - Math.Log(i + 1)).ToArray();
        double muEff = Sq(prime.Take(mu).Sum()) / prime.Take(mu).Sum(w => w * w);
        double muEffMinus = Sq(prime.Skip(mu).Sum()) / prime.Skip(mu).Sum(w => w * w);
        const double alphaCov = 2;
        double c1 = alphaCov / (Sq(n + 1.3) + muEff);
        double cmu = Math.Min(1 - c1 - 1e-8, alphaCov * (muEff - 2 + (1 / muEff)) / (Sq(n + 2) + (alphaCov * muEff / 2)));
        double minAlpha = Math.Min(1 + (c1 / cmu), Math.Min(1 + (2 * muEffMinus / (muEff + 2)), (1 - c1 - cmu) / (n * cmu)));
        double positive = prime.Where(w => w > 0).Sum();
        double negative = prime.Where(w => w < 0).Sum(Math.Abs);
        var weights = prime.Select(w => w >= 0 ? w / positive : minAlpha * w / negative).ToArray();
        double cSigma = (muEff + 2) / (n + muEff + 5);
        double cc = (4 + (muEff / n)) / (n + 4 + (2 * muEff / n));
        return new CmaParameters(n, popsize, weights, mu, muEff, c1, cmu, cSigma, cc);
    }

    /// <summary>The parameters of the separable (diagonal) strategy, whose faster covariance learning rate scales with n.</summary>
    public static CmaParameters Separable(int n, int popsize)
    {
        int mu = popsize / 2;
        var prime = Enumerable.Range(0, mu).Select(i => Math.Log(mu + 1) - Math.Log(i + 1)).ToArray();
        double total = prime.Sum();
        var weights = prime.Select(w => w / total).Concat(Enumerable.Repeat(0.0, popsize - mu)).ToArray();
        double muEff = 1 / weights.Sum(w => w * w);
        double c1 = 2 / (Sq(n + 1.3) + muEff);
        double cmuFull = (2 / muEff / Sq(n + Math.Sqrt(2))) + ((1 - (1 / muEff)) * Math.Min(1, ((2 * muEff) - 1) / (Sq(n + 2) + muEff)));
        double cmu = (n + 2) / 3.0 * cmuFull;
        double cSigma = (muEff + 2) / (n + muEff + 3);
        return new CmaParameters(n, popsize, weights, mu, muEff, c1, cmu, cSigma, 4.0 / (n + 4));
    }

    private static double Sq(double x) => x * x;
}
