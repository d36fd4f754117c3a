using System.Globalization;

namespace Astrolabe.Nn.Data.Ratings;

/// <summary>Makes and reads the sampled-ranking queries of an implicit-feedback evaluation.</summary>
public static class RankingQueries
{
    /// <summary>
    /// Reads queries from a CSV file (gzip handled) with a header <c>user,item,neg1,…,negK</c>: one query per row,
    /// <c>item</c> the positive.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <returns>The queries, in file order.</returns>
    /// <exception cref="InvalidDataException">A wrong header, a row with the wrong number of cells, a bad id.</exception>
    public static IReadOnlyList<RankingQuery> Load(string path)
    {
        using var reader = new StreamReader(DataFiles.Open(path));
        var header = (reader.ReadLine() ?? throw new InvalidDataException($"{path}: empty file.")).Split(',');
        if (header.Length < 3 || header[0] != "user" || header[1] != "item")
        {
            throw new InvalidDataException($"{path}: the header must start 'user,item,' and name at least one negative.");
        }

        var queries = new List<RankingQuery>();
        int lineNo = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNo++;
            var cells = line.Split(',');
            if (cells.Length != header.Length)
            {
                throw new InvalidDataException($"{path}: line {lineNo} has {cells.Length} cells, expected {header.Length}.");
            }

            var ids = new int[cells.Length];
            for (int c = 0; c < ids.Length; c++)
            {
                if (!int.TryParse(cells[c], NumberStyles.None, CultureInfo.InvariantCulture, out ids[c]))
                {
                    throw new InvalidDataException($"{path}: line {lineNo}, column {c + 1}: '{cells[c]}' is not an id ≥ 0.");
                }
            }

            queries.Add(new RankingQuery(ids[0], ids[1], ids[2..]));
        }

        return queries;
    }

    /// <summary>
    /// Samples queries: for each user of <paramref name="heldOut"/>, in increasing id order, its first held-out
    /// rating's item is the positive, and <paramref name="negatives"/> items are drawn uniformly without replacement
    /// from those the user rated in none of <paramref name="rated"/> (which should include every part).
    /// </summary>
    /// <param name="heldOut">The held-out ratings (e.g. the test part).</param>
    /// <param name="rated">Every rating the user made (train, validation and test).</param>
    /// <param name="negatives">Negatives per query (≥ 1).</param>
    /// <param name="rng">The seeded random source.</param>
    /// <returns>The queries.</returns>
    /// <exception cref="ArgumentException">A user rated so many items that fewer than <paramref name="negatives"/> are left.</exception>
    public static IReadOnlyList<RankingQuery> Sample(RatingsDataset heldOut, IEnumerable<RatingsDataset> rated, int negatives, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(heldOut);
        ArgumentNullException.ThrowIfNull(rated);
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentOutOfRangeException.ThrowIfLessThan(negatives, 1);
        var seen = new Dictionary<int, HashSet<int>>();
        foreach (var part in rated.Append(heldOut))
        {
            for (int s = 0; s < part.Count; s++)
            {
                if (!seen.TryGetValue(part.Users[s], out var set))
                {
                    seen[part.Users[s]] = set = [];
                }

                set.Add(part.Items[s]);
            }
        }

        var first = new SortedDictionary<int, int>();
        for (int s = 0; s < heldOut.Count; s++)
        {
            first.TryAdd(heldOut.Users[s], heldOut.Items[s]);
        }

        var queries = new List<RankingQuery>(first.Count);
        foreach (var (user, positive) in first)
        {
            var pool = Enumerable.Range(0, heldOut.ItemCount).Where(i => !seen[user].Contains(i)).ToArray();
            if (pool.Length < negatives)
            {
                throw new ArgumentException($"RankingQueries: user {user} left only {pool.Length} unrated items; {negatives} negatives were asked for.", nameof(negatives));
            }

            for (int k = 0; k < negatives; k++)
            {
                int j = k + rng.NextInt(pool.Length - k);
                (pool[k], pool[j]) = (pool[j], pool[k]);
            }

            queries.Add(new RankingQuery(user, positive, pool[..negatives]));
        }

        return queries;
    }
}
