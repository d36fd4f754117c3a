using static Astrolabe.Nn.Tests.Autodiff.GradCheck;

namespace Astrolabe.Nn.Tests.Autodiff;

public class FiniteDifferenceTests
{
    [Fact]
    public void Arithmetic() => Check(
        t => ((t[0] + t[1]) * t[0] - t[1] * 0.5f).Reshape(3, 2),
        [Random(1, 2, 3), Random(2, 2, 3)]);

    [Fact]
    public void Sum_and_mean() => Check(t => t[0].Sum() * t[0].Mean().Reshape(1).Sum(), [Random(3, 4, 2)]);

    [Fact]
    public void MatMul() => Check(t => t[0].MatMul(t[1]), [Random(4, 5, 7), Random(5, 7, 3)]);

    [Fact]
    public void Linear_with_and_without_bias()
    {
        Check(t => Functional.Linear(t[0], t[1], t[2]), [Random(6, 2, 3, 5), Random(7, 4, 5), Random(8, 4)]);
        Check(t => Functional.Linear(t[0], t[1], null), [Random(6, 3, 5), Random(7, 4, 5)]);
    }

    [Fact]
    public void Relu() => Check(t => Functional.Relu(t[0]), [AwayFromZero(9, 0.05f, 4, 6)]);

    [Fact]
    public void LeakyRelu() => Check(t => Functional.LeakyRelu(t[0], 0.1f), [AwayFromZero(10, 0.05f, 4, 6)]);

    [Fact]
    public void Tanh() => Check(t => Functional.Tanh(t[0]), [Random(11, 4, 6)]);

    [Fact]
    public void Sigmoid() => Check(t => Functional.Sigmoid(t[0]), [Random(12, 4, 6)]);

    [Fact]
    public void Gelu() => Check(t => Functional.Gelu(t[0]), [Random(13, 4, 6)]);

    [Fact]
    public void Silu() => Check(t => Functional.Silu(t[0]), [Random(14, 4, 6)]);

    [Fact]
    public void Elu() => Check(t => Functional.Elu(t[0]), [AwayFromZero(15, 0.05f, 4, 6)]);

    [Fact]
    public void Softplus() => Check(t => Functional.Softplus(t[0]), [Random(16, 4, 6)]);

    [Fact]
    public void Softmax() => Check(t => Functional.Softmax(t[0]), [Random(17, 3, 5)]);

    [Fact]
    public void LogSoftmax() => Check(t => Functional.LogSoftmax(t[0]), [Random(18, 3, 5)]);

    [Fact]
    public void LayerNorm() => Check(t => Functional.LayerNorm(t[0], 6, t[1], t[2]), [Random(19, 3, 6), Random(20, 6), Random(21, 6)]);

    [Fact]
    public void BatchNorm_training_and_eval()
    {
        Check(t => Functional.BatchNorm(t[0], null, null, t[1], t[2], training: true), [Random(22, 5, 3, 2, 2), Random(23, 3), Random(24, 3)]);
        float[] mean = [0.1f, -0.2f, 0.3f], variance = [0.5f, 1.5f, 2f];
        Check(t => Functional.BatchNorm(t[0], mean, variance, t[1], t[2], training: false), [Random(25, 4, 3), Random(26, 3), Random(27, 3)]);
        Check(t => Functional.BatchNorm(t[0], null, null, t[1], t[2], training: true), [Random(40, 6, 3), Random(41, 3), Random(42, 3)]);
        Check(t => Functional.BatchNorm(t[0], null, null, null, null, training: true), [Random(43, 5, 4)]);
    }

    [Fact]
    public void Conv2d_padding_and_stride()
    {
        Check(t => Functional.Conv2d(t[0], t[1], t[2], 1, 1), [Random(28, 2, 2, 5, 4), Random(29, 3, 2, 3, 3), Random(30, 3)]);
        Check(t => Functional.Conv2d(t[0], t[1], null, 2, 0), [Random(31, 2, 2, 6, 5), Random(32, 3, 2, 2, 2)]);
    }

    [Fact]
    public void MaxPool2d()
    {
        var x = Tensor.Zeros(2, 2, 4, 6);
        var order = Enumerable.Range(0, x.Length).ToArray();
        new Rng(33).Shuffle<int>(order);
        for (int i = 0; i < x.Length; i++)
        {
            x.Data[i] = order[i] * 0.1f;
        }

        Check(t => Functional.MaxPool2d(t[0], 2), [x]);
        Check(t => Functional.MaxPool2d(t[0], 3, 1), [x]);
    }

    [Fact]
    public void AvgPool2d() => Check(t => Functional.AvgPool2d(t[0], 2, 1), [Random(34, 2, 2, 4, 5)]);

    [Fact]
    public void Embedding() => Check(t => Functional.Embedding([1, 0, 3, 1], [2, 2], t[0]), [Random(35, 5, 3)]);

    [Fact]
    public void Dropout_with_a_fixed_mask() => Check(t => Functional.Dropout(t[0], 0.3f, true, new Rng(36)), [Random(37, 4, 6)]);

    [Fact]
    public void CrossEntropy_with_label_smoothing() =>
        Check(t => Functional.CrossEntropy(t[0], [2, 0, 4], 0.1f), [Random(38, 3, 5)]);

    [Fact]
    public void BceWithLogits() => Check(t => Functional.BceWithLogits(t[0], t[1]), [Random(39, 3, 4), Tensor.Uniform(new Rng(40), 0, 1, 3, 4)]);

    [Fact]
    public void MseLoss() => Check(t => Functional.MseLoss(t[0], t[1]), [Random(41, 3, 4), Random(42, 3, 4)]);

    [Fact]
    public void HuberLoss() => Check(t => Functional.HuberLoss(t[0], t[1], 0.7f), [Random(43, 3, 4), Random(44, 3, 4)]);
}
