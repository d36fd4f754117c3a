using Astrolabe.Nn.Data.Text;

namespace Astrolabe.Nn.Tests.Data.Text;

public class WordTokenizerTests
{
    [Fact]
    public void Words_are_lower_cased_and_punctuation_becomes_one_character_tokens()
    {
        var tokens = new WordTokenizer().Tokenize("\"Very well, Mr. Darcy--I'm 21!\"");
        Assert.Equal(["\"", "very", "well", ",", "mr", ".", "darcy", "-", "-", "i'm", "21", "!", "\""], tokens);
    }

    [Fact]
    public void Apostrophes_stay_only_between_word_characters()
    {
        var tokens = new WordTokenizer().Tokenize("'Tis Elinor’s 'book' o'clock");
        Assert.Equal(["'", "tis", "elinor's", "'", "book", "'", "o'clock"], tokens);
    }

    [Fact]
    public void Without_punctuation_only_words_remain()
    {
        var tokens = new WordTokenizer(keepPunctuation: false).Tokenize("Well -- no; 'never'!");
        Assert.Equal(["well", "no", "never"], tokens);
    }

    [Fact]
    public void Unicode_letters_and_combining_marks_stay_in_words()
    {
        // A combining acute stays with its letter (no normalisation); Greek and accented capitals are lower-cased.
        var tokens = new WordTokenizer().Tokenize("Cafe\u0301 ΣΟΦΙΑ Émile");
        Assert.Equal(["cafe\u0301", "σοφια", "émile"], tokens);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \t\n ")]
    public void Blank_text_has_no_tokens(string text)
    {
        Assert.Empty(new WordTokenizer().Tokenize(text));
    }
}
