using Astrolabe.Nn.Data;
using Astrolabe.Nn.Data.Text;

namespace Astrolabe.Nn.Tests.Data.Text;

public class TextEncoderTests
{
    [Fact]
    public void The_vocabulary_comes_from_the_training_texts_only()
    {
        var encoder = TextEncoder.Fit(["The cat.", "The dog!"], new WordTokenizer(), maxLength: 3);
        Assert.Equal(["the", "!", ".", "cat", "dog"], encoder.Vocabulary.Tokens);
        Assert.Equal([2, 1, 4], encoder.Encode("the Bird."));
        Assert.Equal([2, 5, 2], encoder.Encode("The cat the dog"));
        Assert.Equal([1], encoder.Encode("  "));
    }

    [Fact]
    public void Encoding_all_texts_gives_a_sequence_dataset_of_the_vocabulary_size()
    {
        var encoder = TextEncoder.Fit(["a b c", "b c"], new WordTokenizer(), maxLength: 10);
        var data = encoder.EncodeAll(["a b", "", "z"], [0, 1, 1]);
        Assert.Equal(3, data.Count);
        Assert.Equal(encoder.Vocabulary.Count, data.VocabularySize);
        Assert.Equal((2, 1, 1), (data.Length(0), data.Length(1), data.Length(2)));
        Assert.Equal([1], data.Sequence(2).ToArray());
    }

    [Fact]
    public void The_austen_file_loads_its_documented_split_and_book_names()
    {
        var split = LabelledTextFile.Load(DataFiles.Find("austen.tsv.gz"));
        Assert.Equal((10306, 1290, 1290), (split.Train.Count, split.Validation.Count, split.Test.Count));
        Assert.Equal(["sensesensibility", "prideprejudice", "mansfieldpark", "emma", "northangerabbey", "persuasion"], split.ClassNames);
        int[] perBook = [.. Enumerable.Range(0, 6).Select(c => split.Test.Labels.Count(l => l == c))];
        Assert.Equal([213, 219, 287, 283, 138, 150], perBook);
        Assert.All(split.Train.Texts, t => Assert.InRange(t.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length, 50, 80));
    }

    [Theory]
    [InlineData("split\tlabel\n", "no 'text' column")]
    [InlineData("split\tlabel\ttext\ntrain\t0\n", "line 2 has 2 cells")]
    [InlineData("split\tlabel\ttext\ndev\t0\thello\n", "split 'dev'")]
    [InlineData("split\tlabel\ttext\ntrain\t-1\thello\n", "label '-1'")]
    [InlineData("split\tlabel\tbook\ttext\ntrain\t0\temma\thi\ntest\t0\tpersuasion\tho\n", "named both")]
    public void A_malformed_file_is_rejected_with_the_line(string content, string message)
    {
        string path = Path.Combine(Path.GetTempPath(), $"astrolabe-text-{Guid.NewGuid():N}.tsv");
        File.WriteAllText(path, content);
        try
        {
            var e = Assert.Throws<InvalidDataException>(() => LabelledTextFile.Load(path));
            Assert.Contains(message, e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
