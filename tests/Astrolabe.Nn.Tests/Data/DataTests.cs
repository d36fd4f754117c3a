using Astrolabe.Nn.Data;

namespace Astrolabe.Nn.Tests.Data;

public class DataTests
{
    [Fact]
    public void Digits_csv_loads_1797_samples_of_64_features_and_10_classes()
    {
        var d = CsvLoader.LoadClassification(DataFiles.Find("digits.csv.gz"));
        Assert.Equal(1797, d.Count);
        Assert.Equal(64, d.SampleSize);
        Assert.Equal(10, d.NumClasses);
        Assert.InRange(d.Features.Max(), 16f, 16f);
    }

    [Fact]
    public void Mnist10k_idx_loads_10000_images_of_28x28_scaled_to_unit_range()
    {
        var d = IdxLoader.Load(DataFiles.Find("mnist10k-images-idx3-ubyte.gz"), DataFiles.Find("mnist10k-labels-idx1-ubyte.gz"));
        Assert.Equal(10000, d.Count);
        Assert.Equal([1, 28, 28], d.SampleShape);
        Assert.Equal(10, d.NumClasses);
        Assert.Equal(1f, d.Features.Max());
        Assert.Equal(0f, d.Features.Min());
    }

    [Fact]
    public void Split_is_deterministic_disjoint_and_complete()
    {
        var d = new Dataset(Enumerable.Range(0, 100).Select(i => (float)i).ToArray(), [1], Enumerable.Range(0, 100).Select(i => i % 3).ToArray());
        var a = d.Split(0.2, 0.1, seed: 5);
        var b = d.Split(0.2, 0.1, seed: 5);
        Assert.Equal(a.Train.Features, b.Train.Features);
        Assert.Equal((70, 20, 10), (a.Train.Count, a.Validation.Count, a.Test.Count));
        var all = a.Train.Features.Concat(a.Validation.Features).Concat(a.Test.Features).OrderBy(v => v);
        Assert.Equal(d.Features, all);
    }

    [Fact]
    public void Batches_cover_every_sample_once_and_keep_labels_aligned()
    {
        var d = new Dataset(Enumerable.Range(0, 10).Select(i => (float)i).ToArray(), [1], Enumerable.Range(0, 10).ToArray());
        var batches = d.Batches(4, shuffle: true, new Rng(1)).ToList();
        Assert.Equal([4, 4, 2], batches.Select(b => b.Size));
        var seen = batches.SelectMany(b => b.Inputs.Data.Zip(b.Labels!)).ToList();
        Assert.All(seen, p => Assert.Equal(p.First, p.Second));
        Assert.Equal(Enumerable.Range(0, 10), seen.Select(p => p.Second).Order());
    }

    [Fact]
    public void Standardizer_centres_and_scales_training_features()
    {
        var d = new Dataset([1, 10, 3, 10, 5, 10], [2], targets: [0, 0, 0]);
        var s = Standardizer.Fit(d);
        var t = s.Transform(d);
        Assert.Equal(0, t.Features.Where((_, i) => i % 2 == 0).Average(), 5);
        Assert.Equal(1.2247449f, t.Features[4], 4);
        Assert.Equal(0f, t.Features[1]);
    }

    [Fact]
    public void Mismatched_sizes_are_rejected_with_a_clear_message()
    {
        var e = Assert.Throws<ArgumentException>(() => new Dataset(new float[6], [2], [0, 1]));
        Assert.Contains("3 samples but 2 labels", e.Message, StringComparison.Ordinal);
    }
}
