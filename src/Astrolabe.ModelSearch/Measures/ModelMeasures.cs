using System.Diagnostics;

namespace Astrolabe.ModelSearch;

/// <summary>The size and the speed of a model, as a model search with several objectives measures them.</summary>
public static class ModelMeasures
{
    /// <summary>
    /// The bytes of a model's parameters in its precision: four per parameter in fp32, two in bfloat16/float16, and for
    /// int8 one per weight plus four per channel scale and bias and four per parameter of the layers left in fp32.
    /// </summary>
    public static long Bytes(TrainedModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Quantized is { } q ? q.ParameterBytes : Bytes(model.Network, model.Precision);
    }

    /// <summary>
    /// The bytes a network's parameters take in <paramref name="precision"/>, before any conversion (it depends on the
    /// structure, not the weights): four or two per parameter; for int8 what <see cref="Nn.QuantizedNetwork.ParameterBytes"/>
    /// gives after quantisation — one per Linear/Conv2d weight, eight per output channel (scale and bias), nothing for a
    /// BatchNorm right after one (folded in), four per parameter of any other layer.
    /// </summary>
    /// <param name="network">The network.</param>
    /// <param name="precision">The precision.</param>
    /// <param name="floatLayers">For int8: the weight layers (ordinals among Linear/Conv2d, as <see cref="ModelConfig.FloatLayers"/>) kept fp32.</param>
    public static long Bytes(Nn.Module network, ModelPrecision precision, IReadOnlyList<int>? floatLayers = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (precision != ModelPrecision.QInt8)
        {
            return (precision == ModelPrecision.Fp32 ? 4L : 2L) * network.ParameterCount;
        }

        var layers = network is Nn.Sequential s ? s.Layers : [network];
        var kept = network is Nn.Sequential seq ? ModelBuilder.WeightLayerIndices(seq, floatLayers) : [];
        long bytes = 0;
        for (int i = 0; i < layers.Count; i++)
        {
            bool fp32 = Array.IndexOf(kept, i) >= 0 || (i > 0 && layers[i] is Nn.BatchNorm && Array.IndexOf(kept, i - 1) >= 0);
            switch (layers[i])
            {
                case var _ when fp32:
                    bytes += 4L * layers[i].ParameterCount;
                    break;
                case Nn.Linear or Nn.Conv2d:
                    var weight = layers[i] is Nn.Linear l ? l.Weight : ((Nn.Conv2d)layers[i]).Weight;
                    bytes += weight.Length + (8L * weight.Dim(0));
                    break;
                case Nn.BatchNorm when i > 0 && layers[i - 1] is Nn.Linear or Nn.Conv2d:
                    break;
                default:
                    bytes += 4L * layers[i].ParameterCount;
                    break;
            }
        }

        return bytes;
    }

    /// <summary>
    /// The median wall milliseconds of predicting one row (batch 1, preprocessing included) over
    /// <paramref name="repeats"/> runs after three unmeasured ones. It does not depend on the weights, so an untrained
    /// network of the same structure measures the same. Throws <see cref="ArgumentOutOfRangeException"/> for fewer
    /// than one repeat.
    /// </summary>
    public static double LatencyMilliseconds(TrainedModel model, int repeats = 21)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        var row = new float[model.SampleSize];
        var times = new double[repeats];
        for (int i = -3; i < repeats; i++)
        {
            long start = Stopwatch.GetTimestamp();
            model.Predict(row);
            if (i >= 0)
            {
                times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
        }

        Array.Sort(times);
        return times[repeats / 2];
    }
}
