using Astrolabe.Nn.Data.Text;

namespace Astrolabe.ModelSearch.Tests.Tasks;

public sealed class TextAndRatingsTasksTests
{
    [Fact]
    public void Austen_loads_as_encoded_sequences_with_a_training_only_vocabulary()
    {
        var task = BuiltInTasks.LoadText("austen");
        Assert.Equal((10306, 1290, 1290), (task.Train.Count, task.Validation.Count, task.Test.Count));
        Assert.Equal(6, task.Outputs);
        Assert.Equal("emma", task.ClassNames[3]);
        Assert.Equal(task.VocabularySize, task.Train.VocabularySize);
        Assert.InRange(task.VocabularySize, 5000, 20000);
        Assert.InRange(task.Train.MaxLength, 50, 128);
        Assert.Equal(StudyDirection.Maximize, TextTask.Direction);
        Assert.InRange(task.Encoder.Vocabulary.IdOf("the"), 2, 5);
        Assert.InRange(task.Encoder.Vocabulary.IdOf(","), 2, 5);
        Assert.Contains(Enumerable.Range(0, task.Test.Count), i => task.Test.Sequence(i).Contains(Vocabulary.Unknown));
    }

    [Fact]
    public void Text_options_change_the_encoding_and_are_validated()
    {
        var task = BuiltInTasks.LoadText("AUSTEN", new TextTaskOptions { MaxLength = 16, MaxVocabulary = 1000, KeepPunctuation = false });
        Assert.Equal(16, task.Train.MaxLength);
        Assert.Equal(1000, task.VocabularySize);
        Assert.DoesNotContain(",", task.Encoder.Vocabulary.Tokens);
        Assert.Throws<ArgumentException>(() => BuiltInTasks.LoadText("austen", new TextTaskOptions { MaxLength = 0 }));
        Assert.Contains("choose one of: austen", Assert.Throws<ArgumentException>(() => BuiltInTasks.LoadText("imdb")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Insteval_loads_its_ratings_split_and_ranking_queries()
    {
        var task = BuiltInTasks.LoadRatings("insteval");
        Assert.Equal((61235, 6093, 6093), (task.Train.Count, task.Validation.Count, task.Test.Count));
        Assert.Equal((2972, 1128), (task.UserCount, task.ItemCount));
        Assert.Equal((1f, 5f), (task.MinRating, task.MaxRating));
        Assert.Equal(2642, task.TestQueries.Count);
        Assert.Equal(StudyDirection.Minimize, RatingsTask.Direction);
        Assert.Equal(task.Fallback.Mean, task.Fallback.Predict(-1, 5000), 12);
        Assert.Contains("choose one of: insteval", Assert.Throws<ArgumentException>(() => BuiltInTasks.LoadRatings("movielens")).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("austen", "LoadText(\"austen\")")]
    [InlineData("insteval", "LoadRatings(\"insteval\")")]
    public void The_feature_task_loader_refuses_sequence_datasets_with_a_pointer(string name, string pointer)
    {
        var e = Assert.Throws<ArgumentException>(() => BuiltInTasks.Load(name));
        Assert.Contains("no fixed-size model family (mlp, cnn) can take it", e.Message, StringComparison.Ordinal);
        Assert.Contains(pointer, e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => BuiltInTasks.LoadTestPart(name));
        Assert.DoesNotContain(name, BuiltInTasks.Names);
    }
}
