using Astrolabe.Nn.Data;
using Astrolabe.Nn.Losses;
using Astrolabe.Nn.Training;
using Astrolabe.Optim;

namespace Astrolabe.Nn.Tests.Quantization;

public class QatTests
{
    private static Tensor Input(int rows, int cols, long seed)
    {
        var rng = new Rng(seed);
        var data = new float[rows * cols];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = (float)rng.NextNormal();
        }

        return new Tensor(data, [rows, cols]);
    }

    private static Tensor FakeQuantized(FakeQuantize fq, Tensor x) => fq.Axis is int axis
        ? FakeQuant.FakeQuantizePerChannelAffine(x, [.. fq.Scale], [.. fq.ZeroPoint], axis, fq.QuantMin, fq.QuantMax)
        : FakeQuant.FakeQuantizePerTensorAffine(x, fq.Scale[0], fq.ZeroPoint[0], fq.QuantMin, fq.QuantMax);

    [Fact]
    public void In_evaluation_a_qat_linear_is_the_linear_of_the_fake_quantised_input_and_weight()
    {
        var linear = new Linear(5, 4, rng: new Rng(1));
        var qat = new QatLinear(linear);
        qat.Forward(Input(8, 5, 2));
        qat.Eval();
        var x = Input(3, 5, 3);
        var y = qat.Forward(x);
        var expected = Functional.Linear(FakeQuantized(qat.InputFakeQuant, x), FakeQuantized(qat.WeightFakeQuant, linear.Weight), linear.Bias);
        Assert.Equal(expected.Data, y.Data);
        Assert.Equal([0, 0, 0, 0], qat.WeightFakeQuant.ZeroPoint);
        Assert.Equal((0, 255), (qat.InputFakeQuant.QuantMin, qat.InputFakeQuant.QuantMax));
    }

    [Fact]
    public void In_evaluation_a_qat_conv2d_is_the_convolution_of_the_fake_quantised_input_and_filters()
    {
        var conv = new Conv2d(2, 3, 3, stride: 1, padding: 1, rng: new Rng(4));
        var qat = new QatConv2d(conv);
        var x = new Tensor(Input(1, 2 * 5 * 5, 5).Data, [1, 2, 5, 5]);
        qat.Forward(x);
        qat.Eval();
        var y = qat.Forward(x);
        var expected = Functional.Conv2d(FakeQuantized(qat.InputFakeQuant, x), FakeQuantized(qat.WeightFakeQuant, conv.Weight), conv.Bias, 1, 1);
        Assert.Equal(expected.Data, y.Data);
        Assert.Equal(3, qat.WeightFakeQuant.Scale.Count);
    }

    [Fact]
    public void The_gradient_reaches_the_wrapped_linears_parameters_and_the_input()
    {
        var linear = new Linear(5, 4, rng: new Rng(1));
        var qat = new QatLinear(linear);
        var x = Input(6, 5, 7).RequireGrad();
        Functional.Sum(qat.Forward(x)).Backward();
        Assert.Contains(linear.Weight.Grad!, g => g != 0);
        Assert.All(linear.Bias!.Grad!, g => Assert.Equal(6f, g));
        Assert.Contains(x.Grad!, g => g != 0);
        Assert.Same(linear.Weight, qat.NamedParameters()[0].Tensor);
    }

    [Fact]
    public void Prepare_wraps_linear_and_conv_layers_and_shares_everything_else()
    {
        var relu = new ReLU();
        var model = new Sequential(new Conv2d(1, 2, 3, rng: new Rng(1)), relu, new Sequential(new Linear(4, 3, rng: new Rng(2))));
        string[] names = [.. model.Layers.Select(l => l.Name)];
        var qat = QuantizationAwareTraining.Prepare(model);
        Assert.IsType<QatConv2d>(qat.Layers[0]);
        Assert.Same(relu, qat.Layers[1]);
        Assert.IsType<QatLinear>(Assert.IsType<Sequential>(qat.Layers[2]).Layers[0]);
        Assert.Equal(names, model.Layers.Select(l => l.Name));
        Assert.Equal(model.NamedParameters().Select(p => (p.Name, p.Tensor)), qat.NamedParameters().Select(p => (p.Name, p.Tensor)));
        Assert.Contains(qat.NamedBuffers(), b => b.Name == "2.0.weight_fake_quant.scale");
    }

    /// <remarks>
    /// From scratch the weights outgrow the slowly moving (0.01) weight ranges and are clamped, as in PyTorch, so the
    /// bar is lower than the float model's (which reaches over 90 % here).
    /// </remarks>
    [Fact]
    public void Qat_training_of_a_small_mlp_reduces_the_loss()
    {
        var rng = new Rng(11);
        int n = 256;
        var features = new float[n * 4];
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                features[(i * 4) + j] = (float)rng.NextNormal();
            }

            labels[i] = (features[i * 4] + features[(i * 4) + 1] > 0 ? 1 : 0) + (features[(i * 4) + 2] > 0.5f ? 1 : 0);
        }

        var data = new Dataset(features, [4], labels: labels);
        var model = QuantizationAwareTraining.Prepare(new Sequential(new Linear(4, 16, rng: new Rng(1)), new ReLU(), new Linear(16, 3, rng: new Rng(2))));
        var trainer = new Trainer(model, new CrossEntropyLoss(), Optimizers.Adam(model.Parameters(), lr: 1e-2), new TrainerOptions { Epochs = 30, BatchSize = 32, Seed = 3 });
        var history = trainer.Fit(data);
        Assert.True(history.Epochs[^1].TrainLoss < history.Epochs[0].TrainLoss * 0.5, $"{history.Epochs[0].TrainLoss} -> {history.Epochs[^1].TrainLoss}");
        double accuracy = trainer.Evaluate(data).Accuracy!.Value;
        Assert.True(accuracy > 0.8, $"accuracy {accuracy}");

        // Converted to int8, the trained chain predicts what its fake-quantised evaluation predicted.
        model.Eval();
        var x = new Tensor(features, [n, 4]);
        float[] simulated;
        using (GradMode.NoGrad())
        {
            simulated = model.Forward(x).Data;
        }

        var int8 = QuantizationAwareTraining.Convert(model, x);
        Assert.Equal(2, int8.Int8Layers);
        var real = int8.Forward(x).Data;
        int agree = Enumerable.Range(0, n).Count(i => ArgMax(simulated.AsSpan(i * 3, 3)) == ArgMax(real.AsSpan(i * 3, 3)));
        Assert.True(agree >= n * 0.97, $"{agree} of {n} rows agree");
    }

    private static int ArgMax(ReadOnlySpan<float> row) => row.IndexOf(System.Linq.Enumerable.Max(row.ToArray()));
}
