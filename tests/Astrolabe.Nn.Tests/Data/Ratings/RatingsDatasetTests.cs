using Astrolabe.Nn.Data;
using Astrolabe.Nn.Data.Ratings;

namespace Astrolabe.Nn.Tests.Data.Ratings;

public class RatingsDatasetTests
{
    [Fact]
    public void The_insteval_file_loads_its_documented_split_with_every_held_out_id_seen_in_training()
    {
        var split = RatingsFile.Load(DataFiles.Find("insteval.csv.gz"));
        Assert.Equal((61235, 6093, 6093), (split.Train.Count, split.Validation.Count, split.Test.Count));
        Assert.Equal((2972, 1128), (split.Train.UserCount, split.Train.ItemCount));
        Assert.Equal((2972, 1128), (split.Test.UserCount, split.Test.ItemCount));
        var users = split.Train.Users.ToHashSet();
        var items = split.Train.Items.ToHashSet();
        Assert.All(split.Test.Users.Concat(split.Validation.Users), u => Assert.Contains(u, users));
        Assert.All(split.Test.Items.Concat(split.Validation.Items), i => Assert.Contains(i, items));
        Assert.InRange(split.Train.Ratings.Min(), 1f, 1f);
        Assert.InRange(split.Train.Ratings.Max(), 5f, 5f);
    }

    [Fact]
    public void Batches_carry_users_items_and_ratings_of_the_same_rows()
    {
        var data = new RatingsDataset([0, 1, 2, 0, 1], [3, 2, 1, 0, 3], [1, 2, 3, 4, 5], userCount: 3, itemCount: 4);
        var batches = data.Batches(2, shuffle: true, rng: new Rng(5)).ToList();
        Assert.Equal([2, 2, 1], batches.Select(b => b.Size));
        Assert.Equal(Enumerable.Range(0, 5), batches.SelectMany(b => b.Rows).Order());
        foreach (var b in batches)
        {
            Assert.Equal([b.Size, 1], b.Ratings.Shape);
            for (int k = 0; k < b.Size; k++)
            {
                Assert.Equal((data.Users[b.Rows[k]], data.Items[b.Rows[k]], data.Ratings[b.Rows[k]]), (b.Users[k], b.Items[k], b.Ratings.Data[k]));
            }
        }

        Assert.Equal(3.0, data.Mean, 12);
    }

    [Theory]
    [InlineData(3, 0, 1f, "user 3, outside [0, 3)")]
    [InlineData(0, -1, 1f, "item -1, outside [0, 4)")]
    [InlineData(0, 0, float.NaN, "rating NaN")]
    public void Ids_out_of_range_and_non_finite_ratings_are_rejected(int user, int item, float rating, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => new RatingsDataset([0, user], [1, item], [2, rating], userCount: 3, itemCount: 4));
        Assert.Contains("sample 1", e.Message, StringComparison.Ordinal);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new RatingsDataset([0], [1, 2], [2], 3, 4));
    }

    [Theory]
    [InlineData("user,item,rating\n", "expected 'split,user,item,rating'")]
    [InlineData("split,user,item,rating\ntrain,1,2\n", "line 2 has 3 cells")]
    [InlineData("split,user,item,rating\nholdout,1,2,3\n", "split 'holdout'")]
    [InlineData("split,user,item,rating\ntrain,-1,2,3\n", "ids ≥ 0")]
    public void A_malformed_file_is_rejected_with_the_line(string content, string message)
    {
        string path = Path.Combine(Path.GetTempPath(), $"astrolabe-ratings-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, content);
        try
        {
            Assert.Contains(message, Assert.Throws<InvalidDataException>(() => RatingsFile.Load(path)).Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
