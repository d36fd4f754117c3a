using System.Text.Json.Serialization;

namespace Astrolabe.ModelSearch;

/// <summary>How a model's weights are stored and run; JSON, trial parameters and messages spell it fp32, bf16, fp16, int8.</summary>
[JsonConverter(typeof(SpellingConverter<ModelPrecision>))]
public enum ModelPrecision
{
    /// <summary>32-bit floats (4 bytes per weight).</summary>
    [JsonStringEnumMemberName("fp32")]
    Fp32,

    /// <summary>bfloat16 storage (2 bytes per weight: fp32's exponent, 8 significant bits), fp32 compute.</summary>
    [JsonStringEnumMemberName("bf16")]
    Bf16,

    /// <summary>IEEE half storage (2 bytes per weight: 11 significant bits, largest magnitude 65,504), fp32 compute.</summary>
    [JsonStringEnumMemberName("fp16")]
    Fp16,

    /// <summary>Post-training static int8 quantisation (<see cref="Astrolabe.Nn.QuantizedNetwork"/>): 1 byte per weight, int8 compute.</summary>
    [JsonStringEnumMemberName("int8")]
    QInt8,
}

/// <summary>The spellings of <see cref="ModelPrecision"/> (fp32, bf16, fp16, int8), as JSON and trial parameters write them.</summary>
public static class ModelPrecisions
{
    /// <summary>The name of <paramref name="precision"/>.</summary>
    /// <param name="precision">The precision.</param>
    /// <returns>fp32, bf16, fp16 or int8.</returns>
    public static string Name(ModelPrecision precision) => Spelling<ModelPrecision>.Of(precision);
}
