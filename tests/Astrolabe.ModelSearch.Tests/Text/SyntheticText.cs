using Astrolabe.Nn;
using Astrolabe.Nn.Data.Text;

namespace Astrolabe.ModelSearch.Tests.Text;

/// <summary>
/// A tiny, trivially separable text task: every text is 3–12 filler words, and one of them is the class's keyword
/// ("alpha", "beta" or "gamma") at a random place.
/// </summary>
internal static class SyntheticText
{
    private static readonly string[] Keywords = ["alpha", "beta", "gamma"];
    private static readonly string[] Filler = ["the", "a", "of", "and", "to", "in", "was", "her", "she", "not", "be", "it", "had", "as", "for", "with"];

    public static TextTask Task(int trainCount = 240, int seed = 7)
    {
        var rng = new Rng(seed);
        (List<string> Texts, int[] Labels) Part(int count)
        {
            var texts = new List<string>();
            var labels = new int[count];
            for (int i = 0; i < count; i++)
            {
                labels[i] = i % Keywords.Length;
                var words = Enumerable.Range(0, 3 + rng.NextInt(10)).Select(_ => Filler[rng.NextInt(Filler.Length)]).ToList();
                words.Insert(rng.NextInt(words.Count + 1), Keywords[labels[i]]);
                texts.Add(string.Join(' ', words));
            }

            return (texts, labels);
        }

        var train = Part(trainCount);
        var validation = Part(60);
        var test = Part(60);
        var encoder = TextEncoder.Fit(train.Texts, new WordTokenizer(), maxLength: 16);
        return new TextTask("synthetic", encoder, encoder.EncodeAll(train.Texts, train.Labels), encoder.EncodeAll(validation.Texts, validation.Labels),
            encoder.EncodeAll(test.Texts, test.Labels), Keywords);
    }
}
