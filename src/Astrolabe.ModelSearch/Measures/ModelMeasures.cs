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
        return model.Precision switch
        {
            ModelPrecision.QInt8 => model.Quantized!.ParameterBytes,
            ModelPrecision.Bf16 or ModelPrecision.Fp16 => 2L * model.Network.ParameterCount,
            _ => 4L * model.Network.ParameterCount,
        };
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
