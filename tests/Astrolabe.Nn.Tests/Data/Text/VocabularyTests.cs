using Astrolabe.Nn.Data.Text;

namespace Astrolabe.Nn.Tests.Data.Text;

public class VocabularyTests
{
    private static readonly IReadOnlyList<string>[] s_texts =
    [
        ["the", "cat", "sat"],
        ["the", "dog", "sat"],
        ["the", "bird"],
    ];

    [Fact]
    public void Ids_follow_count_then_spelling_after_the_reserved_ones()
    {
        var v = Vocabulary.Build(s_texts);
        Assert.Equal(["the", "sat", "bird", "cat", "dog"], v.Tokens);
        Assert.Equal(7, v.Count);
        Assert.Equal((0, 1, 2, 3), (Vocabulary.Padding, Vocabulary.Unknown, v.IdOf("the"), v.IdOf("sat")));
        Assert.Equal("<pad>", v.TokenOf(0));
        Assert.Equal("<unk>", v.TokenOf(1));
        Assert.Equal("dog", v.TokenOf(6));
    }

    [Fact]
    public void Min_count_and_max_size_trim_the_rare_tokens()
    {
        Assert.Equal(["the", "sat"], Vocabulary.Build(s_texts, minCount: 2).Tokens);
        Assert.Equal(["the", "sat", "bird"], Vocabulary.Build(s_texts, maxSize: 5).Tokens);
        Assert.Empty(Vocabulary.Build(s_texts, maxSize: 2).Tokens);
    }

    [Fact]
    public void Unknown_tokens_map_to_1_long_texts_are_cut_and_empty_texts_become_one_unknown()
    {
        var v = Vocabulary.Build(s_texts);
        Assert.Equal([2, 1, 3], v.Encode(["the", "fox", "sat"]));
        Assert.Equal([2, 1], v.Encode(["the", "fox", "sat"], maxLength: 2));
        Assert.Equal([Vocabulary.Unknown], v.Encode([]));
    }

    [Fact]
    public void A_saved_token_list_rebuilds_the_same_ids()
    {
        var v = Vocabulary.Build(s_texts);
        var again = Vocabulary.FromTokens(v.Tokens);
        Assert.Equal(v.Encode(["dog", "the", "cow"]), again.Encode(["dog", "the", "cow"]));
    }

    [Fact]
    public void Bad_arguments_are_named()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Vocabulary.Build(s_texts, minCount: 0));
        Assert.Contains("2 reserved", Assert.Throws<ArgumentOutOfRangeException>(() => Vocabulary.Build(s_texts, maxSize: 1)).Message, StringComparison.Ordinal);
        Assert.Contains("twice", Assert.Throws<ArgumentException>(() => Vocabulary.FromTokens(["a", "a"])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Vocabulary.FromTokens(["<unk>"]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Vocabulary.Build(s_texts).TokenOf(7));
        Assert.Throws<ArgumentOutOfRangeException>(() => Vocabulary.Build(s_texts).Encode(["the"], maxLength: 0));
    }
}
