using Astrolabe.Nn;
using Astrolabe.Nn.Data.Ratings;

namespace Astrolabe.ModelSearch.Tests.Recommendation;

/// <summary>
/// A synthetic rank-2 ratings problem: 60 users × 40 items, <c>r = 3 + b_u + b_i + ⟨a_u, c_i⟩ + noise</c> with the
/// interaction's spread well above the noise, 70 % of the pairs observed (seeded); 80/10/10 split of the observed
/// pairs, and one ranking query per user. The last user (59) and item (39) are left without ratings, for the fallback.
/// </summary>
internal static class LowRankRatings
{
    public const int Users = 60, Items = 40;

    public static RatingsTask Create(int seed = 5)
    {
        var rng = new Rng(seed);
        double[] Normal(int n, double std) => [.. Enumerable.Range(0, n).Select(_ => rng.NextNormal() * std)];
        var bu = Normal(Users, 0.3);
        var bi = Normal(Items, 0.3);
        var a = Normal(Users * 2, 1);
        var c = Normal(Items * 2, 1);
        var parts = new (List<int> U, List<int> I, List<float> R)[] { ([], [], []), ([], [], []), ([], [], []) };
        for (int u = 0; u < Users - 1; u++)
        {
            for (int i = 0; i < Items - 1; i++)
            {
                if (rng.NextDouble() > 0.7)
                {
                    continue;
                }

                double r = 3 + bu[u] + bi[i] + (a[2 * u] * c[2 * i]) + (a[(2 * u) + 1] * c[(2 * i) + 1]) + (0.1 * rng.NextNormal());
                double draw = rng.NextDouble();
                var part = parts[draw < 0.8 ? 0 : draw < 0.9 ? 1 : 2];
                part.U.Add(u);
                part.I.Add(i);
                part.R.Add((float)Math.Clamp(r, 1, 5));
            }
        }

        RatingsDataset Part(int p) => new([.. parts[p].U], [.. parts[p].I], [.. parts[p].R], Users, Items);
        var test = Part(2);
        var queries = RankingQueries.Sample(test, [Part(0), Part(1)], negatives: 5, new Rng(seed + 1));
        return new RatingsTask("lowrank", new RatingsSplit(Part(0), Part(1), test), queries);
    }
}
