namespace Astrolabe.ModelSearch;

/// <summary>How a model's weights are stored and run.</summary>
public enum ModelPrecision
{
    /// <summary>32-bit floats (4 bytes per weight).</summary>
    Fp32,

    /// <summary>bfloat16 storage (2 bytes per weight: fp32's exponent, 8 significant bits), fp32 compute.</summary>
    Bf16,

    /// <summary>IEEE half storage (2 bytes per weight: 11 significant bits, largest magnitude 65,504), fp32 compute.</summary>
    Fp16,

    /// <summary>Post-training static int8 quantisation (<see cref="Astrolabe.Nn.QuantizedNetwork"/>): 1 byte per weight, int8 compute.</summary>
    QInt8,
}
